import AgentryCore
import HTTP

/// A refusal from the workload-identity endpoints, shaped for both Agentry and AgentCore clients: Agentry's
/// `{"error": {"code", "message"}}` body plus a top-level `message` and the `X-Amzn-ErrorType` header that AWS
/// SDKs read the exception name from.
struct WorkloadIdentityError: AgentryError, Equatable {
    let code: String
    let message: String
    let status: Int
    /// AgentCore's exception name (`ValidationException`, `UnauthorizedException`, …).
    let exception: String

    static func validation(_ message: String) -> Self {
        Self(code: "workload.invalid_request", message: message, status: 400, exception: "ValidationException")
    }

    static func unauthorized(_ message: String) -> Self {
        Self(code: "workload.unauthenticated", message: message, status: 401, exception: "UnauthorizedException")
    }

    static func accessDenied(_ message: String) -> Self {
        Self(code: "workload.access_denied", message: message, status: 403, exception: "AccessDeniedException")
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
        if status == 401 { response.headers.set("WWW-Authenticate", #"Basic realm="agentry", charset="UTF-8""#) }
        return response
    }
}
