import Foundation

/// What a usage-ledger entry counts.
public enum UsageKind: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable {
    /// Model input (prompt) tokens, as counted by the caller.
    case tokensIn = "tokens_in"
    /// Model output (completion) tokens, as counted by the caller.
    case tokensOut = "tokens_out"
    /// Texts embedded.
    case embeddings
    /// Vector-store queries run.
    case vectorQueries = "vector_queries"
    /// Gateway tool calls made.
    case toolCalls = "tool_calls"
    /// Sandbox CPU time, in seconds (may be fractional).
    case cpuSeconds = "cpu_seconds"
    /// Agent invocations; each entry is one invocation with its latency and error flag.
    case invocations

    /// Whether quantities of this kind are whole counts (everything but CPU seconds).
    public var isCount: Bool { self != .cpuSeconds }
}

/// One append-only usage-ledger row.
///
/// The quantity is a number the caller counted, never a figure defaulted from a missing field: a model call
/// whose provider sent no usage block must have its tokens counted by the caller (tokenizer or estimate), not
/// recorded as zero. Keep `detail` free of prompt text, tokens and personal data (a model or tool name is fine).
public struct UsageEntry: Sendable, Hashable, Codable {
    /// The tenant the usage is charged to; never empty.
    public var tenantID: String
    /// When the usage happened.
    public var at: Date
    /// What is counted.
    public var kind: UsageKind
    /// How much: a finite, non-negative number, whole for count kinds, exactly 1 for an invocation.
    public var quantity: Double
    /// The runtime session, when there is one.
    public var sessionID: String?
    /// The request that caused the usage, when known.
    public var requestID: String?
    /// A short non-sensitive qualifier such as a model or tool name.
    public var detail: String?
    /// Invocation latency in milliseconds (required for `.invocations`, absent otherwise).
    public var latencyMS: Double?
    /// Whether the invocation failed (only `.invocations` may set it).
    public var isError: Bool

    /// Creates an entry; ``UsageLedger/record(_:)`` validates it.
    public init(
        tenantID: String,
        kind: UsageKind,
        quantity: Double,
        at: Date = Date(),
        sessionID: String? = nil,
        requestID: String? = nil,
        detail: String? = nil,
        latencyMS: Double? = nil,
        isError: Bool = false
    ) {
        self.tenantID = tenantID
        self.at = at
        self.kind = kind
        self.quantity = quantity
        self.sessionID = sessionID
        self.requestID = requestID
        self.detail = detail
        self.latencyMS = latencyMS
        self.isError = isError
    }

    /// An invocation entry: quantity 1 with its latency and error flag.
    public static func invocation(
        tenantID: String,
        latencyMS: Double,
        isError: Bool = false,
        at: Date = Date(),
        sessionID: String? = nil,
        requestID: String? = nil,
        detail: String? = nil
    ) -> UsageEntry {
        UsageEntry(
            tenantID: tenantID,
            kind: .invocations,
            quantity: 1,
            at: at,
            sessionID: sessionID,
            requestID: requestID,
            detail: detail,
            latencyMS: latencyMS,
            isError: isError
        )
    }

    /// Checks the ledger's rules.
    ///
    /// - Throws: ``TelemetryError/missingTenant`` for an empty tenant, `telemetry.invalid_usage` otherwise.
    public func validate() throws {
        guard !tenantID.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw TelemetryError.missingTenant
        }
        guard quantity.isFinite, quantity >= 0 else {
            throw TelemetryError.invalidUsage("quantity must be a finite non-negative number")
        }
        if kind.isCount, quantity.rounded() != quantity {
            throw TelemetryError.invalidUsage("`\(kind.rawValue)` quantity must be a whole number")
        }
        if kind == .invocations {
            guard quantity == 1 else { throw TelemetryError.invalidUsage("an invocation entry counts exactly 1") }
            guard let latencyMS, latencyMS.isFinite, latencyMS >= 0 else {
                throw TelemetryError.invalidUsage("an invocation entry needs a non-negative latency")
            }
        } else {
            guard latencyMS == nil, !isError else {
                throw TelemetryError.invalidUsage("latency and error apply to invocations only")
            }
        }
    }
}
