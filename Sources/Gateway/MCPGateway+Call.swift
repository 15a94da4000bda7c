import AgentryCore
import Foundation
import HTTP

extension MCPGateway {
    /// Authorises, inspects, exchanges a credential for, and performs one tool call.
    func callTool(_ params: JSONValue, caller: GatewayCaller, traceparent: String?) async throws -> JSONValue {
        let started = Date()
        // Exact match only: no case folding, trimming or prefixes, so look-alike names never resolve.
        guard let name = params["name"].stringValue, let tool = tools[name] else {
            // Unknown names spend rate budget too, and are audited only in a bounded, printable form.
            let shown = Self.auditName(params["name"].stringValue ?? "")
            guard limiter.allow(key: caller.tenant + "\u{0}" + caller.user) else {
                hooks.audit(caller, shown, "rate_limited", 0)
                throw Self.rateLimited
            }
            hooks.audit(caller, shown, "unknown_tool", 0)
            throw JSONRPCFailure(id: .null, code: JSONRPC.invalidParams, message: "unknown tool")
        }
        let trace = hooks.traceCall(caller, name, traceparent)
        // Every attempt ends in exactly one audit record and one finished span, whatever refused it.
        do {
            let result = try await authorizedCall(tool, params, caller: caller, traceparent: trace.traceparent)
            let outcome = result["isError"] == true ? "failed" : "allowed"
            trace.finish(outcome)
            hooks.audit(caller, name, outcome, Date().timeIntervalSince(started))
            return result
        } catch let failure as JSONRPCFailure {
            trace.finish(failure.outcome)
            hooks.audit(caller, name, failure.outcome, Date().timeIntervalSince(started))
            throw failure
        } catch {
            // Fail closed: an unexpected error from a hook blocks the call.
            trace.finish("blocked")
            hooks.audit(caller, name, "blocked", Date().timeIntervalSince(started))
            throw JSONRPCFailure(
                id: .null,
                code: JSONRPC.invalidParams,
                message: "the call was blocked",
                outcome: "blocked",
                httpStatus: 400
            )
        }
    }

    private func authorizedCall(
        _ tool: GatewayTool,
        _ params: JSONValue,
        caller: GatewayCaller,
        traceparent: String?
    )
        async throws -> JSONValue
    {
        let arguments = params["arguments"] == .null ? JSONValue.object([:]) : params["arguments"]
        guard arguments.objectValue != nil else {
            throw JSONRPCFailure(
                id: .null,
                code: JSONRPC.invalidParams,
                message: "arguments must be an object",
                outcome: "invalid"
            )
        }
        guard limiter.allow(key: caller.tenant + "\u{0}" + caller.user) else { throw Self.rateLimited }
        if case .deny = hooks.authorize(caller, tool, arguments) {
            throw JSONRPCFailure(
                id: .null,
                code: JSONRPC.forbidden,
                message: "the policy does not permit this tool call",
                data: ["code": "policy.denied"],
                outcome: "denied",
                httpStatus: 403
            )
        }
        if let problem = SchemaCheck.problem(arguments, against: tool.inputSchema) {
            throw JSONRPCFailure(id: .null, code: JSONRPC.invalidParams, message: problem, outcome: "invalid")
        }
        do {
            try hooks.inspectArguments(arguments)
        } catch let error as any AgentryError {
            throw JSONRPCFailure(
                id: .null,
                code: JSONRPC.invalidParams,
                message: error.message,
                data: ["code": .string(error.code)],
                outcome: "blocked",
                httpStatus: error.status
            )
        }
        return try await forward(tool, arguments, caller: caller, traceparent: traceparent)
    }

    private func forward(
        _ tool: GatewayTool,
        _ arguments: JSONValue,
        caller: GatewayCaller,
        traceparent: String?
    )
        async throws -> JSONValue
    {
        let token: String
        do {
            token = try await hooks.credential(caller, tool)
        } catch {
            throw JSONRPCFailure(
                id: .null,
                code: JSONRPC.forbidden,
                message: "no downstream credential for this tool",
                data: ["code": "gateway.credential_refused"],
                outcome: "credential_refused",
                httpStatus: 403
            )
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

    static let rateLimited = JSONRPCFailure(
        id: .null,
        code: JSONRPC.rateLimited,
        message: "tool call rate limit reached",
        data: ["code": "gateway.rate_limited"],
        outcome: "rate_limited",
        httpStatus: 429
    )

    /// A caller-chosen tool name as it may appear in logs and audit rows: at most 64 characters of
    /// `[A-Za-z0-9_.:-]`, anything else shown as `?`.
    static func auditName(_ name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-")
        let shown = String(name.prefix(64).map { allowed.contains($0) ? $0 : "?" })
        return name.count > 64 ? shown + "…" : shown
    }
}
