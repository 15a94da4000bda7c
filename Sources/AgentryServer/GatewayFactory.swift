import AgentryCore
import Foundation
import Gateway
import Guardrails
import Telemetry
import Tenancy

/// Builds each configured MCP gateway with Agentry's hooks: Cedar on every call (tool arguments in the context),
/// input guardrails on the arguments, an RFC 8693 exchange for the downstream token, a `tool.invoke` span, a
/// ledger entry and an audit row per call.
struct GatewayFactory {
    let identity: IdentityPlane
    let policy: PolicyEngine
    let guardrails: Guardrails
    let audit: AuditLog
    let ledger: UsageLedger
    let tracer: Tracer

    func gateways(_ config: DeploymentConfig) -> [String: MCPGateway] {
        var built: [String: MCPGateway] = [:]
        for gateway in config.gateways {
            let tools = gateway.tools.compactMap { tool -> GatewayTool? in
                guard let url = URL(string: tool.url) else { return nil }
                return GatewayTool(
                    name: tool.name,
                    description: tool.description,
                    inputSchema: tool.inputSchema,
                    url: url,
                    audience: tool.audience,
                    scope: tool.scope
                )
            }
            built[gateway.id] = MCPGateway(
                id: gateway.id,
                tools: tools,
                hooks: hooks(gateway: gateway.id),
                callsPerMinute: gateway.rateLimitPerMinute ?? 60
            )
        }
        return built
    }

    private func hooks(gateway: String) -> GatewayHooks {
        let identity = identity
        let policy = policy
        let guardrails = guardrails
        let audit = audit
        let ledger = ledger
        let tracer = tracer
        return GatewayHooks(
            authorize: { caller, tool, arguments in
                let subject = PolicyEngine.Subject(
                    tenant: caller.tenant,
                    user: caller.user,
                    scopes: caller.scopes,
                    actor: caller.actor
                )
                let resource = PolicyEngine.Resource(
                    type: "Tool",
                    id: tool.name,
                    attributes: ["scope": .string(tool.scope), "gateway": .string(gateway)]
                )
                return policy.decide(
                    subject,
                    .callTool,
                    resource,
                    arguments: arguments,
                    requestID: caller.requestID
                ).allowed
                    ? .allow : .deny(reason: "policy")
            },
            credential: { caller, tool in
                try identity.exchange(
                    token: caller.token,
                    tenant: caller.tenant,
                    client: IdentityPlane.gatewayClient(gateway),
                    audience: tool.audience,
                    scope: tool.scope
                )
            },
            inspectArguments: { arguments in
                try guardrails.checkInput(arguments.stringLeaves.joined(separator: "\n"))
            },
            audit: { caller, tool, outcome, _ in
                audit.record(
                    tenant: caller.tenant,
                    requestID: caller.requestID,
                    principal: caller.tenant + "/" + caller.user,
                    action: "CallTool",
                    resource: tool,
                    outcome: Self.auditOutcome[outcome]?.0 ?? outcome,
                    code: Self.auditOutcome[outcome]?.1 ?? ""
                )
                if outcome == "allowed" || outcome == "failed" {
                    try? ledger.record(
                        tenantID: caller.tenant,
                        kind: .toolCalls,
                        quantity: 1,
                        sessionID: caller.sessionID,
                        requestID: caller.requestID,
                        detail: tool
                    )
                }
            },
            traceCall: { caller, tool, traceparent in
                let span = tracer.startSpan(
                    name: "tool.invoke",
                    tenant: caller.tenant,
                    kind: .client,
                    parent: TraceContext.parse(traceparent),
                    attributes: ["tool.name": .string(tool), "session.id": .string(caller.sessionID ?? "")]
                )
                return GatewayCallTrace(traceparent: span.context.traceparent) { outcome in
                    span.setAttribute("tool.outcome", .string(outcome))
                    span.end(status: outcome == "allowed" ? .ok : .error(code: "gateway." + outcome))
                }
            }
        )
    }

    /// Gateway outcomes in the audit log's words (`allow`, `deny`, `blocked`, `failed`) with their stable codes.
    static let auditOutcome: [String: (String, String)] = [
        "allowed": ("allow", ""), "failed": ("failed", "gateway.tool_failed"), "denied": ("deny", "policy.denied"),
        "rate_limited": ("deny", "gateway.rate_limited"), "unknown_tool": ("deny", "gateway.unknown_tool"),
        "blocked": ("blocked", "guardrail.blocked"), "invalid": ("deny", "gateway.invalid_arguments"),
        "credential_refused": ("deny", "gateway.credential_refused"),
    ]
}
