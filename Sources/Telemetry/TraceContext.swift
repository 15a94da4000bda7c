import AgentryCore

/// A W3C Trace Context position: which trace, which span in it, and the trace flags.
///
/// Parses and formats the `traceparent` header (`00-<32 hex trace id>-<16 hex span id>-<2 hex flags>`), following
/// W3C Trace Context level 1: lower-case hex only, no all-zero ids, version `ff` forbidden, version `00` exactly
/// 55 characters, and a later version accepted when its first four fields parse.
public struct TraceContext: Sendable, Hashable, Codable {
    /// The 16-byte trace id as 32 lower-case hex digits, never all zero.
    public let traceID: String
    /// The 8-byte id of the span this context points at, as 16 lower-case hex digits, never all zero.
    public let spanID: String
    /// The trace flags byte; bit 0 is `sampled`.
    public let flags: UInt8

    /// The `traceparent` header name.
    public static let headerName = "traceparent"

    /// Whether the `sampled` flag is set.
    public var isSampled: Bool { flags & 0x01 != 0 }

    /// Creates a context from ids that must already be valid.
    ///
    /// - Throws: ``TelemetryError`` `telemetry.invalid_traceparent` when an id has the wrong length, is not
    ///   lower-case hex, or is all zero.
    public init(traceID: String, spanID: String, flags: UInt8 = 0x01) throws {
        try Self.validate(id: traceID, length: 32, field: "trace id")
        try Self.validate(id: spanID, length: 16, field: "parent id")
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
    }

    /// Parses a `traceparent` header value (optional surrounding spaces or tabs are ignored).
    ///
    /// - Throws: ``TelemetryError`` `telemetry.invalid_traceparent` naming the rule that failed.
    public init(traceparent header: String) throws {
        let value = Substring(header).trimmingSpacesAndTabs()
        let fields = value.split(separator: "-", maxSplits: 4, omittingEmptySubsequences: false)
        guard fields.count >= 4 else { throw TelemetryError.invalidTraceparent("expected four fields") }

        // Version: two lower-case hex digits, `ff` forbidden; `00` has exactly four fields and 55 characters.
        let version = String(fields[0])
        try Self.requireHex(version, length: 2, field: "version")
        guard version != "ff" else { throw TelemetryError.invalidTraceparent("version `ff` is forbidden") }
        if version == "00" {
            guard fields.count == 4, value.utf8.count == 55 else {
                throw TelemetryError.invalidTraceparent("version 00 must be 55 characters")
            }
        }

        let flags = String(fields[3])
        try Self.requireHex(flags, length: 2, field: "flags")
        try self.init(traceID: String(fields[1]), spanID: String(fields[2]), flags: UInt8(flags, radix: 16) ?? 0)
    }

    /// Parses a `traceparent` header value, returning nil instead of throwing (for optional inbound headers).
    public static func parse(_ header: String?) -> TraceContext? {
        guard let header else { return nil }
        return try? TraceContext(traceparent: header)
    }

    /// The `traceparent` header value for this context, always version `00`.
    public var traceparent: String {
        "00-\(traceID)-\(spanID)-\(Self.hexByte(flags))"
    }

    /// A context for a new trace with fresh random ids, sampled by default.
    public static func newRoot(sampled: Bool = true) -> TraceContext {
        TraceContext(unchecked: newTraceID(), spanID: newSpanID(), flags: sampled ? 0x01 : 0x00)
    }

    /// A context in the same trace with a fresh span id and the same flags (the context of a child span).
    public func newChild() -> TraceContext {
        TraceContext(unchecked: traceID, spanID: Self.newSpanID(), flags: flags)
    }

    /// A random 16-byte trace id as 32 lower-case hex digits, never all zero.
    public static func newTraceID() -> String { nonZeroHex(bytes: 16) }

    /// A random 8-byte span id as 16 lower-case hex digits, never all zero.
    public static func newSpanID() -> String { nonZeroHex(bytes: 8) }

    init(unchecked traceID: String, spanID: String, flags: UInt8) {
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
    }

    private static func nonZeroHex(bytes: Int) -> String {
        while true {
            let candidate = Identifiers.hex(bytes: bytes)
            if candidate.utf8.contains(where: { $0 != UInt8(ascii: "0") }) { return candidate }
        }
    }

    private static func validate(id: String, length: Int, field: String) throws {
        try requireHex(id, length: length, field: field)
        guard id.utf8.contains(where: { $0 != UInt8(ascii: "0") }) else {
            throw TelemetryError.invalidTraceparent("\(field) is all zero")
        }
    }

    private static func requireHex(_ text: String, length: Int, field: String) throws {
        guard text.utf8.count == length else {
            throw TelemetryError.invalidTraceparent("\(field) must be \(length) hex digits")
        }
        let lowerHex = text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        guard lowerHex else { throw TelemetryError.invalidTraceparent("\(field) must be lower-case hex") }
    }

    private static func hexByte(_ value: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(value >> 4)], digits[Int(value & 0x0f)]])
    }
}

extension Substring {
    fileprivate func trimmingSpacesAndTabs() -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
