import AgentryCore
import HTTP

/// The endpoints that answer with AgentCore-shaped errors, each with its own code prefix.
protocol AgentCoreErrorFamily: Sendable {
    /// The first part of the stable code, e.g. `workload` in `workload.invalid_request`.
    static var codePrefix: String { get }
    /// Whether a 401 names the HTTP Basic scheme the endpoint's callers authenticate with.
    static var challengesBasic: Bool { get }
}

/// The workload-identity endpoints (`GetWorkloadAccessToken…`), called by a tenant's OAuth client over HTTP Basic.
enum WorkloadIdentityFamily: AgentCoreErrorFamily {
    static let codePrefix = "workload"
    static let challengesBasic = true
}

/// `GetResourceApiKey` / `GetResourceOauth2Token`, called with a workload token in the body.
enum ResourceCredentialFamily: AgentCoreErrorFamily {
    static let codePrefix = "credentials"
    static let challengesBasic = false
}

/// A refusal from the workload-identity endpoints.
typealias WorkloadIdentityError = AgentCoreError<WorkloadIdentityFamily>
/// A refusal from the resource-credential endpoints. Messages never carry a secret, a token, a provider name or a
/// tenant id.
typealias ResourceCredentialError = AgentCoreError<ResourceCredentialFamily>

/// A refusal shaped for both Agentry and AgentCore clients: Agentry's `{"error": {"code", "message"}}` body plus a
/// top-level `message` and the `X-Amzn-ErrorType` header that AWS SDKs read the exception name from.
struct AgentCoreError<Family: AgentCoreErrorFamily>: AgentryError, Equatable {
    let code: String
    let message: String
    let status: Int
    /// AgentCore's exception name (`ValidationException`, `UnauthorizedException`, …).
    let exception: String

    static func validation(_ message: String) -> Self {
        Self(
            code: Family.codePrefix + ".invalid_request",
            message: message,
            status: 400,
            exception: "ValidationException"
        )
    }

    static func unauthorized(_ message: String) -> Self {
        Self(
            code: Family.codePrefix + ".unauthenticated",
            message: message,
            status: 401,
            exception: "UnauthorizedException"
        )
    }

    static func accessDenied(_ message: String) -> Self {
        Self(
            code: Family.codePrefix + ".access_denied",
            message: message,
            status: 403,
            exception: "AccessDeniedException"
        )
    }

    static var internalFailure: Self {
        Self(code: "internal", message: "internal error", status: 500, exception: "InternalServerException")
    }

    var response: HTTPResponse {
        var response = HTTPResponse.json(
            ["error": ["code": .string(code), "message": .string(message)], "message": .string(message)],
            status: status
        )
        response.headers.set("X-Amzn-ErrorType", exception)
        if status == 401, Family.challengesBasic {
            response.headers.set("WWW-Authenticate", #"Basic realm="agentry", charset="UTF-8""#)
        }
        return response
    }
}

extension AgentCoreError where Family == ResourceCredentialFamily {
    /// No such provider for the caller's tenant — also the answer for another tenant's provider.
    static var notFound: Self {
        Self(
            code: "credentials.not_found",
            message: "credential provider not found",
            status: 404,
            exception: "ResourceNotFoundException"
        )
    }

    static func providerFailed(_ message: String) -> Self {
        Self(code: "credentials.provider_failed", message: message, status: 502, exception: "InternalServerException")
    }
}
