import AgentryCore

/// A Runtime failure with a stable code.
public struct RuntimeError: AgentryError, Equatable {
    /// Stable code such as `runtime.session_limit`.
    public let code: String
    /// Client-safe message.
    public let message: String
    /// HTTP status at the edge.
    public let status: Int

    /// Creates an error.
    public init(code: String, message: String, status: Int) {
        self.code = code
        self.message = message
        self.status = status
    }

    static let unknownAgent = RuntimeError(code: "runtime.unknown_agent", message: "no such agent runtime", status: 404)
    static let sessionLimit = RuntimeError(
        code: "runtime.session_limit",
        message: "the tenant has reached its concurrent session limit",
        status: 429
    )
    static let startFailed = RuntimeError(
        code: "runtime.start_failed",
        message: "the agent sandbox could not be started",
        status: 502
    )
    static let unhealthy = RuntimeError(
        code: "runtime.agent_unhealthy",
        message: "the agent did not become healthy in time",
        status: 502
    )
    static let invalidSessionID = RuntimeError(
        code: "runtime.invalid_session_id",
        message: "session id must be 33 to 256 characters of letters, digits, `-`, `_`, `.` and `:`",
        status: 400
    )
}
