import AgentryCore

/// A telemetry failure: a malformed trace header, an invalid usage entry or a metric registration conflict.
///
/// Messages name the rule that was broken, never the tenant, the header value or the entry's detail.
public struct TelemetryError: AgentryError, Equatable {
    /// Stable code such as `telemetry.invalid_traceparent`.
    public let code: String
    /// Client-safe description in the Cedar error grammar.
    public let message: String
    /// HTTP status the error maps to at the edge.
    public let status: Int

    /// Creates an error with a stable code, a client-safe message and an HTTP status (default 400).
    public init(code: String, message: String, status: Int = 400) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// A `traceparent` header that does not follow W3C Trace Context.
    public static func invalidTraceparent(_ reason: String) -> TelemetryError {
        TelemetryError(code: "telemetry.invalid_traceparent", message: "invalid traceparent: \(reason)")
    }

    /// A usage entry without a tenant id.
    public static let missingTenant = TelemetryError(
        code: "telemetry.missing_tenant",
        message: "usage entry has no tenant id"
    )

    /// A usage entry whose quantity or fields break the ledger's rules.
    public static func invalidUsage(_ reason: String) -> TelemetryError {
        TelemetryError(code: "telemetry.invalid_usage", message: "invalid usage entry: \(reason)")
    }

    /// A metric registered twice with different types or help texts.
    public static func metricConflict(_ name: String) -> TelemetryError {
        TelemetryError(
            code: "telemetry.metric_conflict",
            message: "metric `\(name)` is already registered with another type",
            status: 500
        )
    }
}
