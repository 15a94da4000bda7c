import AgentryCore
import Foundation
import HTTP
import Identity

/// An RFC 6749 §5.2 error from one of Agentry's OAuth endpoints (token, introspection, revocation).
///
/// Unlike Identity's ``OAuthError`` it also covers `unauthorized_client` and `unsupported_token_type`, and
/// answers `invalid_client` with 401 and a `WWW-Authenticate` challenge.
struct OAuthFailure: AgentryError, Equatable {
    /// The RFC 6749 / 7009 / 8693 `error` value.
    let error: String
    /// Constant `error_description`; never a token or claim value.
    let errorDescription: String

    init(_ error: String, _ errorDescription: String) {
        self.error = error
        self.errorDescription = errorDescription
    }

    /// Carries an exchange error from Identity over unchanged.
    init(_ error: OAuthError) {
        self.init(error.kind.rawValue, error.errorDescription)
    }

    var code: String { "oauth." + error }
    var message: String { errorDescription }
    var status: Int { error == "invalid_client" ? 401 : 400 }

    static func invalidRequest(_ text: String) -> OAuthFailure { OAuthFailure("invalid_request", text) }
    static func invalidClient(_ text: String) -> OAuthFailure { OAuthFailure("invalid_client", text) }
    static func invalidGrant(_ text: String) -> OAuthFailure { OAuthFailure("invalid_grant", text) }
    static func invalidScope(_ text: String) -> OAuthFailure { OAuthFailure("invalid_scope", text) }
    static func invalidTarget(_ text: String) -> OAuthFailure { OAuthFailure("invalid_target", text) }
    static func unauthorizedClient(_ text: String) -> OAuthFailure { OAuthFailure("unauthorized_client", text) }
    static func unsupportedGrantType(_ text: String) -> OAuthFailure { OAuthFailure("unsupported_grant_type", text) }

    /// The error response: RFC 6749 §5.2 body, `no-store`, and a Basic challenge for `invalid_client`.
    var response: HTTPResponse {
        var response = OAuthReply.json(
            ["error": .string(error), "error_description": .string(errorDescription)],
            status: status
        )
        if status == 401 { response.headers.set("WWW-Authenticate", #"Basic realm="agentry", charset="UTF-8""#) }
        return response
    }
}

/// Successful OAuth replies: JSON, never cached (RFC 6749 §5.1).
enum OAuthReply {
    static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        var response = HTTPResponse(status: status, body: value.serialized())
        response.headers.set("Content-Type", "application/json")
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Pragma", "no-cache")
        return response
    }

    /// Runs an endpoint body, turning every failure into an RFC 6749 error (anything unexpected becomes a
    /// constant `invalid_request`, so no internal detail reaches the client).
    static func run(_ body: () throws -> HTTPResponse) -> HTTPResponse {
        do {
            return try body()
        } catch let failure as OAuthFailure {
            return failure.response
        } catch let error as OAuthError {
            return OAuthFailure(error).response
        } catch let error as any AgentryError where error.status >= 500 {
            return .error(CodedError.internalError())
        } catch {
            return OAuthFailure.invalidRequest("malformed request").response
        }
    }
}
