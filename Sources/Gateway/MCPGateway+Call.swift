import AgentryCore
import Foundation
import HTTP

extension MCPGateway {
    /// Authorises, inspects, exchanges a credential for, and performs one tool call.
    func callTool(_ params: JSONValue, caller: GatewayCaller, traceparent: String?) async throws -> JSONValue {
        let started = Date()
        // Exact match only: no case folding, trimming or prefixes, so look-alike names never resolve.
        guard let name = params["name"].stringValue, let tool = tools[name] else {
            hooks.audit(caller, params["name"].stringValue ?? "", "unknown_tool", 0)
            throw JSONRPCFailure(id: .null, code: JSONRPC.invalidParams, message: "unknown tool")
        }
        let arguments = params["arguments"] == .null ? JSONValue.object([:]) : params["arguments"]
        guard arguments.objectValue != nil else {
            throw JSONRPCFailure(id: .null, code: JSONRPC.invalidParams, message: "arguments must be an object")
        }
        guard limiter.allow(key: caller.tenant + "\u{0}" + caller.user) else {
            hooks.audit(caller, name, "rate_limited", 0)
            throw JSONRPCFailure(
                id: .null, code: JSONRPC.rateLimited, message: "tool call rate limit reached",
                data: ["code": "gateway.rate_limited"], httpStatus: 429)
        }
        if case .deny = hooks.authorize(caller, tool, arguments) {
            hooks.audit(caller, name, "denied", 0)
            throw JSONRPCFailure(
                id: .null, code: JSONRPC.forbidden, message: "the policy does not permit this tool call",
                data: ["code": "policy.denied"], httpStatus: 403)
        }
        if let problem = SchemaCheck.problem(arguments, against: tool.inputSchema) {
            throw JSONRPCFailure(id: .null, code: JSONRPC.invalidParams, message: problem)
        }
        do {
            try hooks.inspectArguments(arguments)
        } catch let error as any AgentryError {
            hooks.audit(caller, name, "blocked", 0)
            throw JSONRPCFailure(
                id: .null, code: JSONRPC.invalidParams, message: error.message, data: ["code": .string(error.code)],
                httpStatus: error.status)
        }
        let result = try await forward(tool, arguments, caller: caller, traceparent: traceparent)
        hooks.audit(caller, name, result["isError"] == true ? "failed" : "allowed", Date().timeIntervalSince(started))
        return result
    }

    private func forward(_ tool: GatewayTool, _ arguments: JSONValue, caller: GatewayCaller, traceparent: String?)
        async throws -> JSONValue
    {
        let token: String
        do {
            token = try await hooks.credential(caller, tool)
        } catch {
            hooks.audit(caller, tool.name, "credential_refused", 0)
            throw JSONRPCFailure(
                id: .null, code: JSONRPC.forbidden, message: "no downstream credential for this tool",
                data: ["code": "gateway.credential_refused"], httpStatus: 403)
        }
        var headers = HTTPHeaders()
        headers.set("Authorization", "Bearer \(token)")
        if let traceparent { headers.set("traceparent", traceparent) }
        let response: HTTPResponse
        do {
            response = try await client.postJSON(tool.url, arguments, headers: headers, timeout: 30)
        } catch {
            return ["content": [["type": "text", "text": "the tool service is unreachable"]], "isError": true]
        }
        let text = String(decoding: response.body, as: UTF8.self)
        guard (200..<300).contains(response.status) else {
            return [
                "content": [["type": "text", "text": .string("the tool service answered \(response.status)")]],
                "isError": true,
            ]
        }
        var result: [String: JSONValue] = ["content": [["type": "text", "text": .string(text)]], "isError": false]
        if let structured = try? JSONValue.parse(response.body), structured.objectValue != nil {
            result["structuredContent"] = structured
        }
        return .object(result)
    }
}
