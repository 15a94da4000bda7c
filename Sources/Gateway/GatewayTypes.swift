import AgentryCore
import Foundation

/// The verified caller of a gateway request; built by the server from the bearer token, never from the body.
public struct GatewayCaller: Sendable {
    /// Tenant of the verified token.
    public let tenant: String
    /// Subject (the end user on whose behalf the agent acts).
    public let user: String
    /// Scopes the token carries.
    public let scopes: Set<String>
    /// The acting workload, from the token's `act` claim (nil when a user calls directly).
    public let actor: String?
    /// The verified bearer token, used as the subject token of the downstream exchange.
    public let token: String
    /// Session id carried by a workload token.
    public let sessionID: String?
    /// The edge request id, for audit records.
    public let requestID: String

    /// Creates a caller.
    public init(
        tenant: String,
        user: String,
        scopes: Set<String>,
        actor: String?,
        token: String,
        sessionID: String?,
        requestID: String = ""
    ) {
        self.tenant = tenant
        self.user = user
        self.scopes = scopes
        self.actor = actor
        self.token = token
        self.sessionID = sessionID
        self.requestID = requestID
    }
}

/// One tool the gateway exposes: an HTTP endpoint taking the arguments as a JSON body.
public struct GatewayTool: Sendable {
    /// Exact tool name; calls must match it byte for byte.
    public let name: String
    /// Description shown by `tools/list`.
    public let description: String
    /// JSON Schema of the arguments (`type: object`, `properties`, `required`).
    public let inputSchema: JSONValue
    /// Target URL.
    public let url: URL
    /// Audience of the downstream token.
    public let audience: String
    /// The one scope the downstream token carries.
    public let scope: String

    /// Creates a tool.
    public init(name: String, description: String, inputSchema: JSONValue, url: URL, audience: String, scope: String) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
        self.url = url
        self.audience = audience
        self.scope = scope
    }
}

/// An authorisation verdict for one tool call.
public enum ToolDecision: Sendable, Equatable {
    case allow
    case deny(reason: String)
}

/// Hooks the server supplies: policy, credentials, guardrails and audit.
public struct GatewayHooks: Sendable {
    /// Decides whether `caller` may call `tool` with `arguments` (checked on every call and on listing).
    public var authorize:
        @Sendable (_ caller: GatewayCaller, _ tool: GatewayTool, _ arguments: JSONValue) -> ToolDecision
    /// Returns a downstream token for `tool` (RFC 8693 exchange of the caller's token).
    public var credential: @Sendable (_ caller: GatewayCaller, _ tool: GatewayTool) async throws -> String
    /// Inspects the arguments; throws to block the call.
    public var inspectArguments: @Sendable (_ arguments: JSONValue) throws -> Void
    /// Records the outcome of each call attempt (`allowed`, `denied`, `failed`, `rate_limited`).
    public var audit: @Sendable (_ caller: GatewayCaller, _ tool: String, _ outcome: String, _ latency: Double) -> Void
    /// Opens a trace span for a call of a known tool; its `traceparent` is forwarded downstream and `finish` is
    /// called once with the outcome.
    public var traceCall:
        @Sendable (_ caller: GatewayCaller, _ tool: String, _ traceparent: String?) -> GatewayCallTrace

    /// Creates hooks.
    public init(
        authorize: @escaping @Sendable (GatewayCaller, GatewayTool, JSONValue) -> ToolDecision,
        credential: @escaping @Sendable (GatewayCaller, GatewayTool) async throws -> String,
        inspectArguments: @escaping @Sendable (JSONValue) throws -> Void = { _ in },
        audit: @escaping @Sendable (GatewayCaller, String, String, Double) -> Void = { _, _, _, _ in },
        traceCall: @escaping @Sendable (GatewayCaller, String, String?) -> GatewayCallTrace = { _, _, parent in
            GatewayCallTrace(traceparent: parent, finish: { _ in })
        }
    ) {
        self.authorize = authorize
        self.credential = credential
        self.inspectArguments = inspectArguments
        self.audit = audit
        self.traceCall = traceCall
    }
}

/// The trace of one tool call: the context to propagate and how to close it.
public struct GatewayCallTrace: Sendable {
    /// `traceparent` to send downstream.
    public let traceparent: String?
    /// Ends the span with an outcome (`allowed`, `denied`, `failed`, …).
    public let finish: @Sendable (_ outcome: String) -> Void

    /// Creates a trace.
    public init(traceparent: String?, finish: @escaping @Sendable (String) -> Void) {
        self.traceparent = traceparent
        self.finish = finish
    }
}
