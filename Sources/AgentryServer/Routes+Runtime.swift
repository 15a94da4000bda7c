import AgentryCore
import Foundation
import HTTP
import Runtime
import Telemetry

extension AgentryRoutes {
    static let sessionHeader = "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id"

    /// `POST /runtimes/{agent}/invocations`: guardrails, policy, workload token, sandbox, redaction, metering.
    static func addRuntime(_ router: inout Router, _ platform: Platform) {
        router.add("POST", "/runtimes/:agent/invocations") { request in
            let context = RequestContext(request, principal: try await platform.identity.principal(for: request))
            return try await invoke(context, platform)
        }
    }

    private static func invoke(_ context: RequestContext, _ platform: Platform) async throws -> HTTPResponse {
        let principal = context.principal
        guard !principal.isDelegated else { throw AccessError.userRequired }
        let agentID = context.parameter("agent")
        guard let agent = platform.config.agents.first(where: { $0.id == agentID }) else {
            throw CodedError.notFound("no such agent runtime", code: "runtime.unknown_agent")
        }
        let sessionID = context.request.headers[sessionHeader] ?? "session-" + Identifiers.hex(bytes: 16)
        let span = platform.tracer.startSpan(
            name: "runtime.invocation",
            tenant: principal.tenant,
            kind: .server,
            parent: context.parentTrace,
            attributes: ["session.id": .string(sessionID), "agent.id": .string(agentID)]
        )
        let started = Date()
        do {
            var response = try await forward(
                context,
                agent: agentID,
                scopes: Set(agent.scopes),
                session: sessionID,
                span: span,
                platform
            )
            response.headers.set(sessionHeader, sessionID)
            span.setAttribute("http.status", .int(Int64(response.status)))
            span.end(status: response.status < 500 ? .ok : .error(code: "runtime.agent_error"))
            meter(context, platform, session: sessionID, started: started, error: response.status >= 400)
            return response
        } catch let error as any AgentryError {
            span.end(status: .error(code: error.code))
            meter(context, platform, session: sessionID, started: started, error: true)
            throw error
        }
    }

    private static func forward(
        _ context: RequestContext,
        agent: String,
        scopes: Set<String>,
        session: String,
        span: SpanHandle,
        _ platform: Platform
    ) async throws -> HTTPResponse {
        let principal = context.principal
        let payload = try context.json()
        do {
            try platform.guardrails.checkInput(payload.stringLeaves.joined(separator: "\n"))
        } catch {
            platform.audit.record(
                tenant: principal.tenant,
                requestID: context.request.requestID,
                principal: principal.entityID,
                action: "InvokeAgent",
                resource: agent,
                outcome: "blocked",
                code: error.code
            )
            throw error
        }
        try authorize(context, platform, .invokeAgent, PolicyEngine.Resource(type: "Agent", id: agent))

        let key = SessionKey(agent: agent, tenant: principal.tenant, user: principal.user, sessionID: session)
        let token = try platform.identity.workloadToken(
            for: principal,
            agent: agent,
            session: session,
            agentScopes: scopes
        )
        platform.runtimeTelemetry.willInvoke(key, trace: span.context)
        let invocation = Invocation(
            body: context.request.body,
            contentType: "application/json",
            workloadToken: token,
            traceparent: span.context.traceparent,
            requestID: context.request.requestID
        )
        let response = try await platform.runtime.invoke(key, invocation)
        return redact(response, platform)
    }

    /// Redacts PII and secrets from every string in a JSON reply; a reply that is not JSON is withheld.
    private static func redact(_ response: HTTPResponse, _ platform: Platform) -> HTTPResponse {
        guard platform.config.guardrails.redactOutput else { return response }
        guard let json = try? response.jsonBody() else {
            return .error(
                CodedError("guardrail.output_unmaskable", "the agent reply could not be inspected", status: 502)
            )
        }
        let redacted = json.mapStrings { platform.guardrails.redactOutput($0).text }
        return .json(redacted, status: response.status)
    }

    private static func meter(
        _ context: RequestContext,
        _ platform: Platform,
        session: String,
        started: Date,
        error: Bool
    ) {
        do {
            try platform.ledger.recordInvocation(
                tenantID: context.principal.tenant,
                latencyMS: Date().timeIntervalSince(started) * 1000,
                isError: error,
                sessionID: session,
                requestID: context.request.requestID
            )
        } catch {
            context.logger.error("usage not recorded", [LogKey.errorCode: "telemetry.ledger"])
        }
    }

    /// Asks Cedar; records and refuses a denial.
    static func authorize(
        _ context: RequestContext,
        _ platform: Platform,
        _ action: PolicyEngine.Action,
        _ resource: PolicyEngine.Resource,
        arguments: JSONValue = .object([:])
    ) throws {
        let principal = context.principal
        let decision = platform.policy.decide(
            principal,
            action,
            resource,
            arguments: arguments,
            requestID: context.request.requestID
        )
        guard decision.allowed else {
            platform.audit.record(
                tenant: principal.tenant,
                requestID: context.request.requestID,
                principal: principal.entityID,
                action: action.rawValue,
                resource: resource.uid.id,
                outcome: "deny",
                code: AccessError.policyDenied.code
            )
            throw AccessError.policyDenied
        }
    }
}
