import AgentryCore
import Foundation
import HTTP

/// An MCP server (streamable HTTP, JSON responses) that fronts HTTP tools.
///
/// Every `tools/call` is authorised on its own, whatever `tools/list` showed; the tool name must match a
/// configured tool exactly; the downstream call carries a freshly exchanged token whose audience is the tool's
/// service and whose scope is the tool's one scope. Batches are answered element by element, each authorised
/// separately; notifications get no reply.
public final class MCPGateway: Sendable {
    /// Protocol revisions this gateway speaks, newest first.
    public static let protocolVersions = ["2025-06-18", "2025-03-26", "2024-11-05"]

    /// Most requests accepted in one JSON-RPC batch.
    public static let maximumBatch = 64

    /// Gateway id.
    public let id: String
    let tools: [String: GatewayTool]
    let orderedTools: [GatewayTool]
    let hooks: GatewayHooks
    let limiter: RateLimiter
    let sessions = MCPSessions()
    let client = HTTPClient()

    /// Creates a gateway.
    /// - Parameters:
    ///   - id: gateway id.
    ///   - tools: the tools it fronts.
    ///   - hooks: policy, credentials, guardrails and audit.
    ///   - callsPerMinute: tool calls each user may make per minute. Default 60.
    ///   - clock: the time the rate limiter refills by (tests freeze it).
    public init(
        id: String,
        tools: [GatewayTool],
        hooks: GatewayHooks,
        callsPerMinute: Int = 60,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.id = id
        self.orderedTools = tools
        self.tools = Dictionary(tools.map { ($0.name, $0) }) { first, _ in first }
        self.hooks = hooks
        self.limiter = RateLimiter(perMinute: callsPerMinute, clock: clock)
    }

    /// Handles one HTTP request to the MCP endpoint for an already-authenticated caller.
    public func handle(_ request: HTTPRequest, caller: GatewayCaller) async -> HTTPResponse {
        switch request.method {
        case "POST": return await post(request, caller: caller)
        case "DELETE":
            if let session = request.headers["mcp-session-id"] { sessions.close(session, for: caller) }
            return HTTPResponse(status: 204)
        default:
            return .error(CodedError("http.method_not_allowed", "this endpoint does not offer a stream", status: 405))
        }
    }

    private func post(_ request: HTTPRequest, caller: GatewayCaller) async -> HTTPResponse {
        if let session = request.headers["mcp-session-id"], !sessions.isOpen(session, for: caller) {
            return .error(CodedError.notFound("unknown MCP session", code: "gateway.unknown_session"))
        }
        guard let body = try? JSONValue.parse(request.body) else {
            let failure = JSONRPC.error(id: .null, code: JSONRPC.parseError, message: "parse error")
            return .json(failure, status: 400)
        }
        let traceparent = request.headers["traceparent"]
        if let batch = body.arrayValue {
            return await handleBatch(batch, caller: caller, traceparent: traceparent)
        }
        switch JSONRPC.validate(body) {
        case .failure(let failure):
            return .json(failure.response, status: 400)
        case .success(let message):
            guard let reply = await dispatch(message, caller: caller, traceparent: traceparent) else {
                return HTTPResponse(status: 202)
            }
            var response = HTTPResponse.json(reply.body, status: reply.status)
            if let session = reply.newSession { response.headers.set("Mcp-Session-Id", session) }
            return response
        }
    }

    private func handleBatch(_ batch: [JSONValue], caller: GatewayCaller, traceparent: String?) async -> HTTPResponse {
        guard batch.count <= Self.maximumBatch else {
            return .json(
                JSONRPC.error(id: .null, code: JSONRPC.invalidRequest, message: "batch too large"),
                status: 400
            )
        }
        guard !batch.isEmpty else {
            return .json(JSONRPC.error(id: .null, code: JSONRPC.invalidRequest, message: "empty batch"), status: 400)
        }
        var replies: [JSONValue] = []
        for element in batch {
            switch JSONRPC.validate(element) {
            case .failure(let failure):
                replies.append(failure.response)
            case .success(let message):
                if let reply = await dispatch(message, caller: caller, traceparent: traceparent) {
                    replies.append(reply.body)
                }
            }
        }
        return replies.isEmpty ? HTTPResponse(status: 202) : .json(.array(replies))
    }
}
