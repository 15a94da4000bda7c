import AgentryCore

/// A model-call failure with a stable code; messages never carry prompt text, upstream bodies or API keys.
public struct ModelError: AgentryError, Equatable {
    /// Stable dotted code such as `model.upstream_error`.
    public let code: String
    /// Client-safe description in the house grammar (lower case, no final period).
    public let message: String
    /// HTTP status the code maps to at the edge.
    public let status: Int

    /// Creates an error from its parts.
    public init(code: String, message: String, status: Int) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// The upstream provider answered with an error status, an unreadable body, or could not be reached.
    public static func upstream(_ message: String) -> ModelError {
        ModelError(code: "model.upstream_error", message: message, status: 502)
    }

    /// The upstream provider did not answer within the timeout.
    public static let timeout = ModelError(
        code: "model.timeout",
        message: "the model provider did not answer in time",
        status: 504
    )

    /// No provider is configured for a route name.
    public static func routeNotFound(_ route: String) -> ModelError {
        ModelError(
            code: "model.route_not_found",
            message: "no model provider is configured for route `\(route)`",
            status: 500
        )
    }

    /// The request is malformed (for example it has no messages).
    public static func invalidRequest(_ message: String) -> ModelError {
        ModelError(code: "model.invalid_request", message: message, status: 400)
    }
}
