/// An error every Agentry module throws: it carries a stable machine code and a message safe to show a client.
///
/// The `message` follows Cedar's grammar for errors (lower case, no final period, user input in backticks) and
/// never contains tenant data, tokens or prompt text. The HTTP layer maps `status` and `code` to a JSON body
/// `{"error": {"code": …, "message": …}}`.
public protocol AgentryError: Error, CustomStringConvertible, Sendable {
    /// Stable, dotted lower-case code such as `identity.token_expired`.
    var code: String { get }
    /// Human-readable explanation, safe to return to a client.
    var message: String { get }
    /// HTTP status the error maps to at the edge.
    var status: Int { get }
}

extension AgentryError {
    /// `code: message`; safe to show a client.
    public var description: String { "\(code): \(message)" }
}

/// A general-purpose coded error for places that need no module-specific type.
public struct CodedError: AgentryError, Equatable {
    /// Stable code.
    public let code: String
    /// Client-safe message.
    public let message: String
    /// HTTP status.
    public let status: Int

    /// Creates an error with a stable `code`, a client-safe `message` and the HTTP `status` it maps to.
    public init(_ code: String, _ message: String, status: Int = 500) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// 400: the request body or parameters are malformed.
    public static func badRequest(_ message: String, code: String = "request.invalid") -> CodedError {
        CodedError(code, message, status: 400)
    }

    /// 401: no credentials, or credentials that fail verification.
    public static func unauthenticated(_ message: String, code: String = "auth.unauthenticated") -> CodedError {
        CodedError(code, message, status: 401)
    }

    /// 403: the caller is authenticated but may not do this.
    public static func forbidden(_ message: String, code: String = "auth.forbidden") -> CodedError {
        CodedError(code, message, status: 403)
    }

    /// 404: the named thing does not exist for this caller.
    public static func notFound(_ message: String, code: String = "resource.not_found") -> CodedError {
        CodedError(code, message, status: 404)
    }

    /// 500: a fault inside Agentry; the message stays generic.
    public static func internalError(_ message: String = "internal error", code: String = "internal") -> CodedError {
        CodedError(code, message, status: 500)
    }
}
