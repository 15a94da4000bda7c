import AgentryCore
import Foundation
import HTTP

/// Calls the running server as a SaaS backend would, with a user's bearer token.
struct DemoHTTP: Sendable {
    static let client = HTTPClient()

    let endpoint: String

    /// One call's outcome: status, parsed body (or null) and the server's request id.
    struct Reply: Sendable {
        let status: Int
        let body: JSONValue
        let requestID: String
        var errorCode: String { body["error"]["code"].stringValue ?? "" }
    }

    func call(
        _ method: String,
        _ path: String,
        token: String,
        body: JSONValue? = nil,
        headers: [String: String] = [:]
    ) async throws -> Reply {
        guard let url = URL(string: endpoint + path) else {
            throw CodedError("demo.bad_path", "invalid demo path", status: 500)
        }
        var all = HTTPHeaders()
        all.set("Authorization", "Bearer " + token)
        all.set("Content-Type", "application/json")
        for (name, value) in headers { all.set(name, value) }
        let response = try await Self.client.send(method, url, headers: all, body: body?.serialized(), timeout: 120)
        return Reply(
            status: response.status,
            body: (try? response.jsonBody()) ?? .null,
            requestID: response.headers["x-request-id"] ?? ""
        )
    }

    /// Invokes the DocAssist agent in `session`.
    func invoke(_ payload: JSONValue, token: String, session: String) async throws -> Reply {
        try await call(
            "POST",
            "/runtimes/docassist/invocations",
            token: token,
            body: payload,
            headers: ["X-Amzn-Bedrock-AgentCore-Runtime-Session-Id": session]
        )
    }
}
