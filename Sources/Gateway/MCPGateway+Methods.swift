import AgentryCore
import Foundation
import HTTP

/// A reply to one JSON-RPC request, with the HTTP status to use when it is the only reply.
struct MCPReply {
    let body: JSONValue
    var status: Int = 200
    var newSession: String? = nil
}

extension MCPGateway {
    /// Runs one request; nil for notifications.
    func dispatch(_ message: JSONRPC.Message, caller: GatewayCaller, traceparent: String?) async -> MCPReply? {
        guard let id = message.id else { return nil }
        switch message.method {
        case "initialize":
            return initialize(id: id, params: message.params, caller: caller)
        case "ping":
            return MCPReply(body: JSONRPC.result(id: id, [:]))
        case "tools/list":
            return MCPReply(body: JSONRPC.result(id: id, ["tools": .array(listTools(for: caller))]))
        case "tools/call":
            do {
                let result = try await callTool(message.params, caller: caller, traceparent: traceparent)
                return MCPReply(body: JSONRPC.result(id: id, result))
            } catch let failure as JSONRPCFailure {
                let body = JSONRPC.error(id: id, code: failure.code, message: failure.message, data: failure.data)
                return MCPReply(body: body, status: failure.httpStatus)
            } catch {
                return MCPReply(body: JSONRPC.error(id: id, code: JSONRPC.internalError, message: "internal error"))
            }
        default:
            return MCPReply(body: JSONRPC.error(id: id, code: JSONRPC.methodNotFound, message: "method not found"))
        }
    }

    private func initialize(id: JSONValue, params: JSONValue, caller: GatewayCaller) -> MCPReply {
        let requested = params["protocolVersion"].stringValue ?? ""
        let version = Self.protocolVersions.contains(requested) ? requested : Self.protocolVersions[0]
        let session = sessions.open(for: caller)
        let result: JSONValue = [
            "protocolVersion": .string(version),
            "capabilities": ["tools": ["listChanged": false]],
            "serverInfo": ["name": .string("agentry-gateway-\(self.id)"), "version": "0.1.0"],
        ]
        return MCPReply(body: JSONRPC.result(id: id, result), newSession: session)
    }

    /// Only the tools this caller may call (authorisation is still repeated on every call).
    private func listTools(for caller: GatewayCaller) -> [JSONValue] {
        orderedTools.filter { hooks.authorize(caller, $0, .object([:])) == .allow }.map { tool in
            ["name": .string(tool.name), "description": .string(tool.description), "inputSchema": tool.inputSchema]
        }
    }
}
