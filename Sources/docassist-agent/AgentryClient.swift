import AgentryCore
import Foundation
import HTTP

/// Calls back into Agentry with the workload token the Runtime handed this invocation.
struct AgentryClient: Sendable {
    let endpoint: String
    let token: String
    let traceparent: String?
    private let http = HTTPClient()

    init(endpoint: String, token: String, traceparent: String?) {
        self.endpoint = endpoint
        self.token = token
        self.traceparent = traceparent
    }

    /// POSTs JSON to an Agentry path and returns the parsed reply, throwing its JSON error as-is.
    func post(_ path: String, _ body: JSONValue) async throws -> JSONValue {
        try await send("POST", path, body)
    }

    /// GETs an Agentry path.
    func get(_ path: String) async throws -> JSONValue {
        try await send("GET", path, nil)
    }

    private func send(_ method: String, _ path: String, _ body: JSONValue?) async throws -> JSONValue {
        guard let url = URL(string: endpoint + path) else {
            throw CodedError("agent.bad_endpoint", "AGENTRY_ENDPOINT is not a URL", status: 500)
        }
        var headers = HTTPHeaders()
        headers.set("Authorization", "Bearer \(token)")
        headers.set("Content-Type", "application/json")
        if let traceparent { headers.set("traceparent", traceparent) }
        let response = try await http.send(method, url, headers: headers, body: body?.serialized())
        let json = (try? response.jsonBody()) ?? .null
        guard (200..<300).contains(response.status) else {
            // Agentry errors carry a string code; JSON-RPC errors carry a number and the string in `data.code`.
            let code =
                json["error"]["code"].stringValue ?? json["error"]["data"]["code"].stringValue ?? "agent.upstream_error"
            let message = json["error"]["message"].stringValue ?? "agentry call failed"
            throw CodedError(code, message, status: response.status)
        }
        return json
    }

    /// Calls one tool through the MCP gateway; returns the tool's text or throws its error.
    func callTool(gateway: String, name: String, arguments: JSONValue) async throws -> JSONValue {
        let request: JSONValue = [
            "jsonrpc": "2.0", "id": .string(Identifiers.hex(bytes: 6)), "method": "tools/call",
            "params": ["name": .string(name), "arguments": arguments],
        ]
        let reply = try await post("/gateways/\(gateway)/mcp", request)
        if reply["error"] != .null {
            throw CodedError(
                reply["error"]["data"]["code"].stringValue ?? "gateway.tool_error",
                reply["error"]["message"].stringValue ?? "tool call failed",
                status: 403
            )
        }
        return reply["result"]
    }
}
