import AgentryCore
import Foundation

/// An OAuth 2.0 token-endpoint error (RFC 6749 §5.2), as the token exchange returns it.
///
/// Serve ``jsonBody`` with ``status`` (400, or 401 for `invalid_client`) and `Cache-Control: no-store`.
public struct OAuthError: AgentryError, Equatable {
    /// The RFC 6749 / RFC 8693 error codes.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Missing or malformed parameter, or a subject token that belongs to another client.
        case invalidRequest = "invalid_request"
        /// Client authentication failed.
        case invalidClient = "invalid_client"
        /// The subject or actor token is invalid, expired, or may not be exchanged.
        case invalidGrant = "invalid_grant"
        /// The grant type is not token exchange.
        case unsupportedGrantType = "unsupported_grant_type"
        /// The requested scope is empty after narrowing, or (in strict mode) wider than the subject's.
        case invalidScope = "invalid_scope"
        /// The requested audience or resource may not be targeted (RFC 8693 §2.2.2).
        case invalidTarget = "invalid_target"
    }

    /// Which error this is.
    public let kind: Kind
    /// Human-readable `error_description`; constant text, never a token or claim value.
    public let errorDescription: String

    /// Creates an error.
    public init(_ kind: Kind, _ errorDescription: String) {
        self.kind = kind
        self.errorDescription = errorDescription
    }

    /// Stable dotted code, `oauth.<error>`.
    public var code: String { "oauth." + kind.rawValue }
    /// Same as ``errorDescription``.
    public var message: String { errorDescription }
    /// 401 for `invalid_client`, else 400.
    public var status: Int { kind == .invalidClient ? 401 : 400 }

    /// The RFC 6749 §5.2 body `{"error": …, "error_description": …}`.
    public var jsonBody: Data {
        JSONValue.object(["error": .string(kind.rawValue), "error_description": .string(errorDescription)])
            .serialized()
    }
}
