import AgentryCore
import Gateway
import HTTP

extension AgentryRoutes {
    /// `/gateways/{id}/mcp`: MCP over streamable HTTP for authenticated callers.
    static func addGateways(_ router: inout Router, _ platform: Platform) {
        for method in ["POST", "GET", "DELETE"] {
            router.add(method, "/gateways/:gateway/mcp") { request in
                let principal = try await platform.identity.principal(for: request)
                guard let gateway = platform.gateways[request.pathParameters["gateway"] ?? ""] else {
                    throw CodedError.notFound("no such gateway", code: "gateway.unknown")
                }
                let caller = GatewayCaller(
                    tenant: principal.tenant,
                    user: principal.user,
                    scopes: principal.scopes,
                    actor: principal.actors.first,
                    token: principal.token,
                    sessionID: principal.sessionID,
                    requestID: request.requestID
                )
                return await gateway.handle(request, caller: caller)
            }
        }
    }
}
