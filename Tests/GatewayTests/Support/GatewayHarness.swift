import AgentryCore
import Foundation
import Gateway
import HTTP

/// A gateway behind a real loopback HTTP server, fronting a real loopback tool service.
///
/// The front server stands in for Agentry's edge: it maps each test bearer token to a verified
/// ``GatewayCaller`` and hands the request to ``MCPGateway/handle(_:caller:)`` at `/mcp`.
final class GatewayHarness: Sendable {
    /// Decides which tools a caller may use.
    typealias Policy = @Sendable (GatewayCaller, GatewayTool) -> Bool

    let tools: ToolService
    let audit = AuditLog()
    let credentials = CredentialIssuer()
    let gateway: MCPGateway
    private let front: HTTPServer
    private let client = HTTPClient()

    /// Starts the tool service, builds the gateway with the given hooks and starts the front server.
    init(
        policy: @escaping Policy = { _, _ in true },
        credential: (@Sendable (GatewayCaller, GatewayTool) async throws -> String)? = nil,
        inspect: @escaping @Sendable (JSONValue) throws -> Void = { _ in },
        callsPerMinute: Int = 60
    ) throws {
        let tools = ToolService()
        try tools.start()
        self.tools = tools

        let audit = self.audit
        let issuer = self.credentials
        let hooks = GatewayHooks(
            authorize: { caller, tool, _ in policy(caller, tool) ? .allow : .deny(reason: "not permitted") },
            credential: credential ?? { caller, tool in issuer.issue(caller, tool) },
            inspectArguments: inspect,
            audit: { caller, tool, outcome, _ in audit.write(caller, tool, outcome) }
        )
        let gateway = MCPGateway(
            id: "gw-test",
            tools: Self.catalogue(tools),
            hooks: hooks,
            callsPerMinute: callsPerMinute,
            // A frozen clock: the limit is about counting calls, not about how fast a loaded machine makes them.
            clock: { Date(timeIntervalSince1970: 1_800_000_000) }
        )
        self.gateway = gateway

        front = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0)) { request in
            guard request.path == "/mcp" else { return .error(CodedError.notFound("no route")) }
            guard let user = request.bearerToken.flatMap(TestUser.init(rawValue:)) else {
                return .error(CodedError.unauthenticated("unknown token"))
            }
            return await gateway.handle(request, caller: user.caller)
        }
        try front.start()
    }

    /// Stops both servers.
    func stop() {
        front.stop()
        tools.stop()
    }

    /// The tools the gateway fronts, all served by `service`.
    private static func catalogue(_ service: ToolService) -> [GatewayTool] {
        let search: JSONValue = [
            "type": "object",
            "properties": ["query": ["type": "string"], "tag": ["type": "string"], "sleep_ms": ["type": "integer"]],
            "required": ["query"],
        ]
        let records: JSONValue = ["type": "object", "properties": ["id": ["type": "string"]], "required": ["id"]]
        let empty: JSONValue = ["type": "object", "properties": [:]]
        return [
            GatewayTool(
                name: "search_docs",
                description: "Search the documentation",
                inputSchema: search,
                url: service.url("/tools/echo"),
                audience: "docs-service",
                scope: "docs.read"
            ),
            GatewayTool(
                name: "delete_records",
                description: "Delete records",
                inputSchema: records,
                url: service.url("/tools/records"),
                audience: "records-service",
                scope: "records.delete"
            ),
            GatewayTool(
                name: "daily_report",
                description: "A tool whose service fails",
                inputSchema: empty,
                url: service.url("/tools/fail"),
                audience: "report-service",
                scope: "report.read"
            ),
            GatewayTool(
                name: "moved_tool",
                description: "A tool whose service redirects",
                inputSchema: empty,
                url: service.url("/tools/redirect"),
                audience: "moved-service",
                scope: "moved.read"
            ),
        ]
    }
}

/// What the test client got back, with the raw body text for exact-id checks.
struct MCPReplyText: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let text: String

    /// The body parsed as JSON (`.null` when empty or not JSON).
    var json: JSONValue { (try? JSONValue.parse(text)) ?? .null }
}

extension GatewayHarness {
    /// Sends `method` to `/mcp` with a raw body; fails the request after 10 s so a hang shows as an error.
    func send(
        _ body: String?,
        method: String = "POST",
        as user: TestUser = .userA,
        session: String? = nil,
        headers extra: [(String, String)] = []
    ) async throws -> MCPReplyText {
        var headers = HTTPHeaders(extra)
        headers.set("Authorization", "Bearer \(user.token)")
        headers.set("Content-Type", "application/json")
        headers.set("Accept", "application/json, text/event-stream")
        if let session { headers.set("Mcp-Session-Id", session) }
        let url = URL(string: "http://127.0.0.1:\(front.port)/mcp") ?? URL(fileURLWithPath: "/")
        let payload = body.map { Data($0.utf8) }
        let response = try await client.send(method, url, headers: headers, body: payload, timeout: 10)
        let text = String(decoding: response.body, as: UTF8.self)
        return MCPReplyText(status: response.status, headers: response.headers, text: text)
    }

    /// Runs `initialize` and returns the reply and the session id it opened.
    func initialize(
        as user: TestUser = .userA,
        version: String = "2025-06-18"
    ) async throws
        -> (MCPReplyText, String?)
    {
        let body: JSONValue = [
            "jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": [
                "protocolVersion": .string(version), "capabilities": [:],
                "clientInfo": ["name": "gateway-tests", "version": "1.0"],
            ],
        ]
        let reply = try await send(body.serializedString(), as: user)
        return (reply, reply.headers["mcp-session-id"])
    }

    /// Sends one `tools/call` request.
    func call(
        _ tool: String,
        _ arguments: JSONValue,
        id: JSONValue = 1,
        as user: TestUser = .userA,
        session: String? = nil,
        headers: [(String, String)] = []
    ) async throws -> MCPReplyText {
        let body: JSONValue = [
            "jsonrpc": "2.0", "id": id, "method": "tools/call",
            "params": ["name": .string(tool), "arguments": arguments],
        ]
        return try await send(body.serializedString(), as: user, session: session, headers: headers)
    }
}
