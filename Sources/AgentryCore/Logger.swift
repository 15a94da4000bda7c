import Foundation
import Synchronization

/// A structured logger shaped like swift-log's: a label, a level and metadata inherited by child loggers.
///
/// Messages are short constant phrases; values go in metadata under the keys of ``LogKey``. Never put tokens,
/// JWT payloads, prompts or memory content in either.
public struct Logger: Sendable {
    /// Severity, ordered from most to least verbose.
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical

        /// Orders levels by severity.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        /// Parses `trace`…`critical`; nil for anything else.
        public init?(name: String) {
            guard let level = Level.allCases.first(where: { "\($0)" == name.lowercased() }) else { return nil }
            self = level
        }
    }

    /// The subsystem this logger speaks for, e.g. `agentry.runtime`.
    public let label: String
    /// Metadata attached to every line this logger writes.
    public var metadata: [String: String]

    /// Creates a logger for `label` with optional starting metadata.
    public init(label: String, metadata: [String: String] = [:]) {
        self.label = label
        self.metadata = metadata
    }

    /// A child logger carrying extra metadata (for example one per request with `request.id`).
    public func with(_ extra: [String: String]) -> Logger {
        var child = self
        child.metadata.merge(extra) { _, new in new }
        return child
    }

    /// Writes one JSON line to the configured sink when `level` is at or above the threshold.
    public func log(_ level: Level, _ message: StaticString, _ extra: [String: String] = [:]) {
        guard level >= LogSink.shared.threshold else { return }
        var fields = metadata.merging(extra) { _, new in new }
        fields["ts"] = ISO8601DateFormatter.agentry.string(from: Date())
        fields["level"] = "\(level)"
        fields["logger"] = label
        fields["msg"] = "\(message)"
        LogSink.shared.write(fields)
    }

    /// Logs at `debug`.
    public func debug(_ message: StaticString, _ extra: [String: String] = [:]) { log(.debug, message, extra) }
    /// Logs at `info`.
    public func info(_ message: StaticString, _ extra: [String: String] = [:]) { log(.info, message, extra) }
    /// Logs at `notice`.
    public func notice(_ message: StaticString, _ extra: [String: String] = [:]) { log(.notice, message, extra) }
    /// Logs at `warning`.
    public func warning(_ message: StaticString, _ extra: [String: String] = [:]) { log(.warning, message, extra) }
    /// Logs at `error`.
    public func error(_ message: StaticString, _ extra: [String: String] = [:]) { log(.error, message, extra) }
}

/// The metadata keys Agentry logs under, declared once.
public enum LogKey {
    /// Tenant of the verified token.
    public static let tenant = "tenant.id"
    /// Edge request id.
    public static let request = "request.id"
    /// Runtime session id.
    public static let session = "session.id"
    /// Agent id.
    public static let agent = "agent.id"
    /// `tenant/user` of the caller.
    public static let principal = "principal.id"
    /// Policy outcome.
    public static let decision = "policy.decision"
    /// Stable error code.
    public static let errorCode = "error.code"
    /// Matched route.
    public static let route = "http.route"
    /// HTTP status.
    public static let status = "http.status"
    /// Gateway tool name.
    public static let tool = "tool.name"
}

/// Where log lines go: standard error by default, or a file; also kept in memory for tests when asked.
public final class LogSink: Sendable {
    /// The process-wide sink.
    public static let shared = LogSink()

    private struct State {
        var threshold: Logger.Level = .info
        var handle: FileHandle = .standardError
        var capture: [[String: String]]? = nil
    }

    private let state = Mutex(State())

    /// Lines below this level are dropped. Default `info`; `AGENTRY_LOG_LEVEL` overrides at start.
    public var threshold: Logger.Level {
        get { state.withLock { $0.threshold } }
        set { state.withLock { $0.threshold = newValue } }
    }

    private init() {
        if let name = ProcessInfo.processInfo.environment["AGENTRY_LOG_LEVEL"], let level = Logger.Level(name: name) {
            state.withLock { $0.threshold = level }
        }
    }

    /// Sends every later line to `handle` (for example a log file under the data directory).
    public func redirect(to handle: FileHandle) {
        state.withLock { $0.handle = handle }
    }

    /// Starts keeping every line in memory (tests read them with ``captured()``).
    public func startCapture() {
        state.withLock { $0.capture = [] }
    }

    /// The lines kept since ``startCapture()``.
    public func captured() -> [[String: String]] {
        state.withLock { $0.capture ?? [] }
    }

    fileprivate func write(_ fields: [String: String]) {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        state.withLock { state in
            state.capture?.append(fields)
            state.handle.write(data + Data("\n".utf8))
        }
    }
}

extension ISO8601DateFormatter {
    /// ISO 8601 with fractional seconds, UTC.
    nonisolated(unsafe) static let agentry: ISO8601DateFormatter = {
        // INVARIANT: ISO8601DateFormatter is thread-safe for formatting once configured (Foundation docs).
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
