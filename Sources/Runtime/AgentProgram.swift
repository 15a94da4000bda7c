import Foundation

/// An agent program the Runtime can host: any executable that serves the AgentCore container contract
/// (`GET /ping`, `POST /invocations`) on `127.0.0.1:$PORT`.
public struct AgentProgram: Sendable {
    /// Agent id, as in `/runtimes/{id}/invocations`.
    public let id: String
    /// Absolute program path and its arguments.
    public let arguments: [String]
    /// Seconds a session may sit idle before its sandbox is stopped. Default 300.
    public let idleTimeout: TimeInterval
    /// Extra environment variables (the rest of the environment is scrubbed).
    public let environment: [String: String]

    /// Creates a program definition.
    public init(id: String, arguments: [String], idleTimeout: TimeInterval = 300, environment: [String: String] = [:]) {
        self.id = id
        self.arguments = arguments
        self.idleTimeout = idleTimeout
        self.environment = environment
    }
}

/// How the Runtime places one tenant's sessions.
public struct TenantRuntimePolicy: Sendable {
    /// True when the tenant has reserved capacity (silo); false when it draws on the shared pool.
    public let reserved: Bool
    /// Sessions the tenant may hold at once.
    public let maxSessions: Int
    /// Warm, unbound sandboxes kept for this tenant (reserved tenants only).
    public let warmPoolSize: Int
    /// Sessions one user of the tenant may hold at once, so one user cannot exhaust the tenant's budget.
    public let maxSessionsPerUser: Int

    /// Creates a policy.
    public init(reserved: Bool, maxSessions: Int, warmPoolSize: Int = 0, maxSessionsPerUser: Int? = nil) {
        self.reserved = reserved
        self.maxSessions = maxSessions
        self.warmPoolSize = warmPoolSize
        self.maxSessionsPerUser = maxSessionsPerUser ?? maxSessions
    }
}

/// Who owns a session: fixed from the verified token when the session opens.
public struct SessionKey: Hashable, Sendable {
    /// Agent id.
    public let agent: String
    /// Tenant of the verified token.
    public let tenant: String
    /// Subject of the verified token.
    public let user: String
    /// The caller's session id.
    public let sessionID: String

    /// Creates a key.
    public init(agent: String, tenant: String, user: String, sessionID: String) {
        self.agent = agent
        self.tenant = tenant
        self.user = user
        self.sessionID = sessionID
    }
}

/// What the Runtime passes along with one invocation.
public struct Invocation: Sendable {
    /// The request body, forwarded unchanged.
    public let body: Data
    /// Its content type.
    public let contentType: String
    /// Short-lived token the agent uses to call back into Agentry.
    public let workloadToken: String
    /// W3C `traceparent` of the invocation span.
    public let traceparent: String?
    /// The edge's request id.
    public let requestID: String

    /// Creates an invocation.
    public init(body: Data, contentType: String, workloadToken: String, traceparent: String?, requestID: String) {
        self.body = body
        self.contentType = contentType
        self.workloadToken = workloadToken
        self.traceparent = traceparent
        self.requestID = requestID
    }
}
