import AgentryCore
import Foundation
import Gateway
import Guardrails
import Identity
import Knowledge
import Memory
import Models
import PolicyStore
import Runtime
import Storage
import Telemetry
import Tenancy
import Vault

/// Every primitive of one Agentry deployment, opened from its configuration.
public final class Platform: Sendable {
    /// The deployment configuration.
    public let config: DeploymentConfig
    /// Base URL agents use to call back.
    public let endpoint: String
    /// Token issue and verification.
    public let identity: IdentityPlane
    /// Outbound credentials and the data keys sealing Agentry's signing keys (`vault.sqlite`).
    public let vault: CredentialVault
    /// The Cedar decision point.
    public let policy: PolicyEngine
    /// The platform's and every tenant's versioned policies.
    public let policyStore: PolicyStore
    /// Re-reads the store's heads every few seconds, so changes written by `agentry policy` reach this server.
    private let policyRefresh: MaintenanceTimer
    /// Input and output guardrails.
    public let guardrails: Guardrails
    /// Knowledge bases.
    public let knowledge: KnowledgeService
    /// Agent memory.
    public let memory: MemoryService
    /// Model routes.
    public let models: ModelRouter
    /// Spans.
    public let tracer: Tracer
    /// The per-tenant usage ledger.
    public let ledger: UsageLedger
    /// Security decisions.
    public let audit: AuditLog
    /// Agent sessions.
    public let runtime: SessionManager
    /// MCP gateways by id.
    public let gateways: [String: MCPGateway]
    let exporter: OTLPHTTPExporter?
    let runtimeTelemetry: RuntimeTelemetry

    /// Opens stores and key rings under the data directory and builds every primitive.
    ///
    /// - Parameters:
    ///   - config: a validated configuration.
    ///   - endpoint: the URL the server is reachable at (used as issuer unless configured).
    ///   - programDirectory: where bare agent program names are looked up (beside the `agentry` binary).
    /// - Throws: a storage, key-ring or policy-parse error; nothing is served until every primitive opened.
    public init(config: DeploymentConfig, endpoint: String, programDirectory: URL) throws {
        let data = URL(fileURLWithPath: config.server.dataDirectory)
        try FileManager.default.createDirectory(
            at: data,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        self.config = config
        self.endpoint = endpoint
        vault = try VaultBootstrap.open(dataDirectory: data)
        identity = try IdentityPlane(
            config: config,
            issuerURL: config.server.issuer ?? endpoint,
            keysDirectory: data.appendingPathComponent("keys"),
            vault: vault
        )
        if !identity.federation.isEmpty {
            // Unstructured on purpose: start-up must not wait on identity providers; this warm-up only fills the
            // key mirror, ends after one fetch per issuer, and anything it misses is fetched on demand.
            Task { [federation = identity.federation] in await federation.mirror.pullAll() }
        }
        policyStore = try PlatformPolicies.open(
            dataDirectory: data,
            policyFile: config.policies,
            validator: SchemaPolicyValidator()
        )
        policy = PolicyEngine(store: policyStore)
        policyRefresh = MaintenanceTimer(label: "agentry.policy.refresh", interval: Self.policyRefreshSeconds) {
            [weak policyStore] in policyStore?.invalidateCache()
        }
        guardrails = Guardrails(policy: GuardrailPolicy(blockPromptInjection: config.guardrails.blockPromptInjection))
        knowledge = KnowledgeService(
            storeFor: try KnowledgeStoreDirectory(
                dataDirectory: data,
                siloTenants: Self.siloTenants(config, \.knowledge)
            ).storeProvider,
            embedder: HashedNGramEmbedder()
        )
        let memoryStores = MemoryStoreProvider(
            dataDirectory: data.path,
            siloTenants: Self.siloTenants(config, \.memory)
        )
        memory = MemoryService(storeFor: { try memoryStores.store(for: $0) })
        models = try Self.modelRouter(config)

        exporter = OTLPExporterConfiguration.fromEnvironment().map { OTLPHTTPExporter(configuration: $0) }
        tracer = Tracer(exporter: exporter)
        ledger = try UsageLedger(path: data.appendingPathComponent("usage.sqlite").path)
        audit = AuditLog(
            database: try SQLiteDatabase(
                path: data.appendingPathComponent("audit.sqlite").path,
                migrations: [AuditLog.migration]
            )
        )
        runtimeTelemetry = RuntimeTelemetry(tracer: tracer, ledger: ledger)
        runtime = Self.sessionManager(
            config,
            data: data,
            endpoint: endpoint,
            programs: programDirectory,
            observer: runtimeTelemetry
        )
        gateways = GatewayFactory(
            identity: identity,
            policy: policy,
            guardrails: guardrails,
            audit: audit,
            ledger: ledger,
            tracer: tracer
        ).gateways(config)
    }

    /// How often a server re-reads which policy versions are active (parsed versions stay cached).
    static let policyRefreshSeconds: TimeInterval = 5

    /// Tenants whose tier places `layer` in a silo.
    public static func siloTenants(_ config: DeploymentConfig, _ layer: KeyPath<Tier, Placement>) -> Set<String> {
        Set(config.tenants.filter { config.tiers[$0.tier]?[keyPath: layer] == .silo }.map(\.id))
    }

    private static func modelRouter(_ config: DeploymentConfig) throws -> ModelRouter {
        var routes: [String: any ModelProvider] = [:]
        for (name, route) in config.models {
            switch route.provider {
            case "openai":
                guard let base = route.baseURL.flatMap(URL.init(string:)) else { continue }
                let key = route.apiKeyEnvironment.flatMap { ProcessInfo.processInfo.environment[$0] }
                routes[name] = OpenAICompatibleProvider(
                    configuration: .init(baseURL: base, apiKey: key, upstreamModel: route.model)
                )
            default:
                routes[name] = ExtractiveResponder()
            }
        }
        return ModelRouter(routes: routes)
    }

    private static func sessionManager(
        _ config: DeploymentConfig,
        data: URL,
        endpoint: String,
        programs: URL,
        observer: RuntimeTelemetry
    ) -> SessionManager {
        let agents = config.agents.map { agent in
            var arguments = agent.command
            if let program = arguments.first, !program.contains("/") {
                arguments[0] = programs.appendingPathComponent(program).path
            }
            return AgentProgram(
                id: agent.id,
                arguments: arguments,
                idleTimeout: TimeInterval(agent.idleTimeoutSeconds ?? 300)
            )
        }
        let sandboxes = data.appendingPathComponent("sandboxes")
        try? FileManager.default.createDirectory(at: sandboxes, withIntermediateDirectories: true)
        let tiers = config.tiers
        let tenantTiers = Dictionary(config.tenants.map { ($0.id, $0.tier) }) { first, _ in first }
        return SessionManager(
            programs: agents,
            sandboxRoot: sandboxes.path,
            launcher: SandboxLauncher(mode: .auto, portal: programs.appendingPathComponent("agentry-portal").path),
            agentryEndpoint: endpoint,
            reservedTenants: Array(siloTenants(config, \.runtime)).sorted(),
            policyFor: { tenant in
                let tier = tenantTiers[tenant].flatMap { tiers[$0] }
                return TenantRuntimePolicy(
                    reserved: tier?.runtime == .silo,
                    maxSessions: tier?.maxConcurrentSessions ?? 1,
                    warmPoolSize: tier?.warmPoolSize ?? 0,
                    maxSessionsPerUser: tier?.maxSessionsPerUser
                )
            },
            observer: observer
        )
    }
}
