import AgentryCore
import Foundation

/// The whole deployment: server, tenants and tiers, agents, gateways, knowledge bases, models and policies.
///
/// Loaded from one JSON file (see the README's configuration reference); relative paths are resolved against the
/// file's directory.
public struct DeploymentConfig: Codable, Sendable {
    /// Listening address and limits.
    public var server: ServerSettings
    /// Tiers by name.
    public var tiers: [String: Tier]
    /// Tenants, each on one tier.
    public var tenants: [TenantConfig]
    /// Agents the Runtime hosts.
    public var agents: [AgentConfig]
    /// MCP gateways and their tools.
    public var gateways: [GatewayConfig]
    /// Knowledge bases, each owned by one tenant.
    public var knowledgeBases: [KnowledgeBaseConfig]
    /// Model routes by name.
    public var models: [String: ModelRouteConfig]
    /// Path of the Cedar policy file.
    public var policies: String
    /// Guardrail settings.
    public var guardrails: GuardrailSettings
    /// OAuth clients of the token, introspection, revocation and workload-identity endpoints.
    public var oauthClients: [OAuthClientConfig]?
    /// Limits of the OAuth endpoints (chain depth, lifetimes, scope strictness).
    public var oauth: OAuthSettings

    /// The tenant with `id`, or nil.
    public func tenant(_ id: String) -> TenantConfig? {
        tenants.first { $0.id == id }
    }

    /// The tier of tenant `id`, or nil when the tenant is unknown.
    public func tier(ofTenant id: String) -> Tier? {
        tenant(id).flatMap { tiers[$0.tier] }
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case server, tiers, tenants, agents, gateways, knowledgeBases, models, policies, guardrails, oauthClients
        case oauth
    }

    /// Decodes a deployment; `tiers`, `tenants`, `models` and `policies` are required, every other section
    /// defaults (server settings to their documented defaults, lists to empty, guardrails on).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        server = try container.decodeIfPresent(ServerSettings.self, forKey: .server) ?? ServerSettings()
        tiers = try container.decode([String: Tier].self, forKey: .tiers)
        tenants = try container.decode([TenantConfig].self, forKey: .tenants)
        agents = try container.decodeIfPresent([AgentConfig].self, forKey: .agents) ?? []
        gateways = try container.decodeIfPresent([GatewayConfig].self, forKey: .gateways) ?? []
        knowledgeBases = try container.decodeIfPresent([KnowledgeBaseConfig].self, forKey: .knowledgeBases) ?? []
        models = try container.decode([String: ModelRouteConfig].self, forKey: .models)
        policies = try container.decode(String.self, forKey: .policies)
        guardrails = try container.decodeIfPresent(GuardrailSettings.self, forKey: .guardrails) ?? GuardrailSettings()
        oauthClients = try container.decodeIfPresent([OAuthClientConfig].self, forKey: .oauthClients)
        oauth = try container.decodeIfPresent(OAuthSettings.self, forKey: .oauth) ?? OAuthSettings()
    }

    /// The top-level keys a configuration file may use (anything else is a typo and refused).
    public static var knownKeys: Set<String> { Set(CodingKeys.allCases.map(\.rawValue)) }
}

/// Listening address, data directory and limits.
public struct ServerSettings: Codable, Sendable {
    /// Bind address. Default `127.0.0.1`.
    public var host: String = "127.0.0.1"
    /// Port. Default 8787; 0 picks a free one.
    public var port: UInt16 = 8787
    /// Directory for SQLite files, keys, sandboxes and logs. Default `data` (relative to the config file).
    public var dataDirectory: String = "data"
    /// Largest request body in bytes. Default 1 MiB.
    public var maxBodyBytes: Int = 1 << 20
    /// Token issuer URL; default `http://<host>:<port>` of the running server.
    public var issuer: String?
    /// Lifetime of user tokens issued by `agentry token issue`, in seconds. Default 3600.
    public var userTokenTTLSeconds: Int = 3600
    /// Lifetime of workload tokens handed to agents, in seconds. Default 300.
    public var workloadTokenTTLSeconds: Int = 300
    /// JWS algorithm of the shared key ring's new keys (and of silo rings whose tenant names none): one of
    /// ``ConfigLoader/signingAlgorithms``. Default `ES256`. Changing it rotates the ring to a key of the new
    /// algorithm at the next start; the old key stays published until its tokens have expired.
    public var signingAlgorithm: String = "ES256"
    /// Key rotation timing (activation delay, retention, maintenance interval). Defaults as documented there.
    public var keyRotation = KeyRotationSettings()

    /// Defaults for every field.
    public init() {}

    /// Decodes server settings; absent fields take their documented defaults.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ServerSettings()
        host = try container.decodeIfPresent(String.self, forKey: .host) ?? defaults.host
        port = try container.decodeIfPresent(UInt16.self, forKey: .port) ?? defaults.port
        dataDirectory = try container.decodeIfPresent(String.self, forKey: .dataDirectory) ?? defaults.dataDirectory
        maxBodyBytes = try container.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? defaults.maxBodyBytes
        issuer = try container.decodeIfPresent(String.self, forKey: .issuer)
        userTokenTTLSeconds =
            try container.decodeIfPresent(Int.self, forKey: .userTokenTTLSeconds) ?? defaults.userTokenTTLSeconds
        workloadTokenTTLSeconds =
            try container.decodeIfPresent(Int.self, forKey: .workloadTokenTTLSeconds)
            ?? defaults.workloadTokenTTLSeconds
        signingAlgorithm =
            try container.decodeIfPresent(String.self, forKey: .signingAlgorithm) ?? defaults.signingAlgorithm
        keyRotation =
            try container.decodeIfPresent(KeyRotationSettings.self, forKey: .keyRotation) ?? defaults.keyRotation
    }
}

/// One tenant.
public struct TenantConfig: Codable, Sendable {
    /// Stable tenant id (lower-case letters, digits, `-`).
    public var id: String
    /// Name of its tier.
    public var tier: String
    /// Display name.
    public var name: String?
    /// Agents registered as workloads of this tenant (workload-identity endpoints). Default: every agent.
    public var workloads: [String]?
    /// The tenant's own identity providers, trusted with static keys. Default none.
    public var trustedIssuers: [TrustedIssuerConfig]?
    /// The tenant's OpenID Connect identity providers (discovery URL, JWKS URL or static JWKS), kept as raw JSON
    /// in the shape of `Federation.FederatedIssuerConfig` without the tenant fields (the server binds each entry
    /// to this tenant and validates it at start). Default none.
    public var federatedIssuers: [JSONValue]?
    /// JWS algorithm of this tenant's own key ring (tiers with `keys: silo` only): one of
    /// ``ConfigLoader/signingAlgorithms``. Default `server.signingAlgorithm`.
    public var signingAlgorithm: String?

    /// Whether agent `id` is a registered workload of this tenant.
    public func hasWorkload(_ id: String) -> Bool {
        workloads?.contains(id) ?? true
    }
}

/// One hosted agent program.
public struct AgentConfig: Codable, Sendable {
    /// Agent id used in `/runtimes/{id}/invocations`.
    public var id: String
    /// Program and arguments; a bare program name is looked up beside the `agentry` binary.
    public var command: [String]
    /// Seconds a session may sit idle before its process is stopped. Default 300.
    public var idleTimeoutSeconds: Int?
    /// Scopes the agent's workload token may carry at most (intersected with the user's).
    public var scopes: [String]
    /// Memory resource id the agent uses.
    public var memoryId: String?
}

/// One MCP gateway.
public struct GatewayConfig: Codable, Sendable {
    /// Gateway id used in `/gateways/{id}/mcp`.
    public var id: String
    /// Tools it exposes.
    public var tools: [ToolConfig]
    /// Tool calls per minute per user. Default 60.
    public var rateLimitPerMinute: Int?
}

/// One tool behind a gateway: an HTTP endpoint that accepts the arguments as JSON.
public struct ToolConfig: Codable, Sendable {
    /// Tool name as listed over MCP.
    public var name: String
    /// What the tool does.
    public var description: String
    /// JSON Schema of the arguments.
    public var inputSchema: JSONValue
    /// Target URL the gateway POSTs to.
    public var url: String
    /// Audience of the downstream token (the target service's id).
    public var audience: String
    /// The single scope the downstream token carries.
    public var scope: String
}

/// A knowledge base and its owner.
public struct KnowledgeBaseConfig: Codable, Sendable {
    /// Knowledge base id used in `/knowledge/{id}/…`.
    public var id: String
    /// Owning tenant; only its principals can read or write it.
    public var tenant: String
}

/// A model route: which provider serves it.
public struct ModelRouteConfig: Codable, Sendable {
    /// `extractive` (built-in, offline, not an LLM) or `openai` (any OpenAI-compatible server).
    public var provider: String
    /// Base URL for `openai` routes, e.g. `http://127.0.0.1:8000`.
    public var baseURL: String?
    /// Model name sent upstream.
    public var model: String?
    /// Name of the environment variable that holds the API key (never the key itself).
    public var apiKeyEnvironment: String?
}

/// Guardrail switches.
public struct GuardrailSettings: Codable, Sendable {
    /// Block inputs the prompt-injection detector flags. Default true.
    public var blockPromptInjection: Bool = true
    /// Redact emails, phone numbers, SSNs, card numbers and secrets from agent output. Default true.
    public var redactOutput: Bool = true

    /// Defaults for every field.
    public init() {}

    /// Decodes guardrail settings; absent switches are on.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        blockPromptInjection = try container.decodeIfPresent(Bool.self, forKey: .blockPromptInjection) ?? true
        redactOutput = try container.decodeIfPresent(Bool.self, forKey: .redactOutput) ?? true
    }
}
