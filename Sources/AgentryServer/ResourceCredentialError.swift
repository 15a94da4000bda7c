import AgentryCore
import HTTP

/// A refusal from `GetResourceApiKey` / `GetResourceOauth2Token`, shaped like ``WorkloadIdentityError``: Agentry's
/// `{"error": {"code", "message"}}` plus AgentCore's top-level `message` and `X-Amzn-ErrorType`. Messages never
/// carry a secret, a token, a provider name or a tenant id.
struct ResourceCredentialError: AgentryError, Equatable {
    let code: String
    let message: String
    let status: Int
    /// AgentCore's exception name.
    let exception: String

    static func validation(_ message: String) -> Self {
        Self(code: "credentials.invalid_request", message: message, status: 400, exception: "ValidationException")
    }

    static func unauthorized(_ message: String) -> Self {
        Self(code: "credentials.unauthenticated", message: message, status: 401, exception: "UnauthorizedException")
    }

    static func accessDenied(_ message: String) -> Self {
        Self(code: "credentials.access_denied", message: message, status: 403, exception: "AccessDeniedException")
    }

    /// No such provider for the caller's tenant — also the answer for another tenant's provider.
    static let notFound = Self(
        code: "credentials.not_found",
        message: "credential provider not found",
        status: 404,
        exception: "ResourceNotFoundException"
    )

    static func providerFailed(_ message: String) -> Self {
        Self(code: "credentials.provider_failed", message: message, status: 502, exception: "InternalServerException")
    }

    static let internalFailure = Self(
        code: "internal",
        message: "internal error",
        status: 500,
        exception: "InternalServerException"
    )

    var response: HTTPResponse {
        var response = HTTPResponse.json(
            ["error": ["code": .string(code), "message": .string(message)], "message": .string(message)],
            status: status
        )
        response.headers.set("X-Amzn-ErrorType", exception)
        return response
    }
}
