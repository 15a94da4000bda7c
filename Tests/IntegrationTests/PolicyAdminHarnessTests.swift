import AgentryCore
import Foundation
import HTTP
import PolicyStore
import Tenancy
import Testing

@testable import AgentryServer

/// A DocAssist deployment of its own for the policy tests: the example configuration with extra tenants, a private
/// copy of the example policy file (the platform layer) and a private data directory.
struct PolicyDeployment: Sendable {
    /// Tenants added to the example's `smallfirm` and `bigbank`, one or two per test so tests never share a layer.
    static let extraTenants = [
        "acme", "globex", "initech", "umbrella", "hooli", "wonka", "stark", "wayne", "tyrell", "soylent", "cyberdyne",
        "oscorp", "massive",
    ]

    /// The folder holding `policies.cedar` and `data/`.
    let directory: String

    /// The platform policy file of this deployment.
    var policyFile: String { directory + "/policies.cedar" }

    /// A new deployment whose policy file is the example's, optionally with `extraPlatformPolicies` appended.
    static func make(_ label: String, extraPlatformPolicies: String = "") throws -> PolicyDeployment {
        let deployment = PolicyDeployment(directory: TestPaths.temporaryDirectory(label))
        let example = TestPaths.packageRoot.appendingPathComponent("examples/docassist/policies.cedar").path
        let text = try String(contentsOfFile: example, encoding: .utf8) + extraPlatformPolicies
        try text.write(toFile: deployment.policyFile, atomically: true, encoding: .utf8)
        return deployment
    }

    /// The example configuration pointed at this deployment's policy file and data directory, on a free port.
    func config() throws -> DeploymentConfig {
        var config = try ConfigLoader.load(path: TestPaths.exampleConfig)
        let extra = try Self.extraTenants.map { id in
            try JSONDecoder().decode(TenantConfig.self, from: Data(#"{"id": "\#(id)", "tier": "standard"}"#.utf8))
        }
        config.tenants += extra
        config.policies = policyFile
        config.server.port = 0
        config.server.dataDirectory = directory + "/data"
        for name in config.tiers.keys { config.tiers[name]?.warmPoolSize = 0 }
        try ConfigLoader.validate(config)
        return config
    }

    /// Starts a server on this deployment.
    func start() async throws -> AgentryServer {
        try await AgentryServer.start(config: try config(), programDirectory: TestPaths.programs)
    }
}

/// One policy-test server shared by the admin API suites (each test uses tenants of its own).
actor PolicyAdminServer {
    static let shared = PolicyAdminServer()

    private var starting: Task<AgentryServer, any Error>?

    /// The shared server, started on first use.
    func start() async throws -> AgentryServer {
        if let starting { return try await starting.value }
        let task = Task { try await PolicyDeployment.make("policy-admin").start() }
        starting = task
        return try await task.value
    }
}

/// A tenant policy administrator (or a would-be one) calling a running server.
struct PolicyClient: Sendable {
    let caller: Caller

    /// A client holding a fresh end-user token of `tenant`/`user` with `scopes`.
    init(
        _ server: AgentryServer,
        tenant: String,
        user: String = "alice",
        scopes: Set<String> = ["policy:admin"]
    )
        throws
    {
        let token = try server.platform.identity.issueUserToken(tenant: tenant, user: user, scopes: scopes, ttl: 600)
        caller = Caller(endpoint: server.endpoint, token: token)
    }

    /// A client presenting `token` as it is.
    init(_ server: AgentryServer, token: String?) {
        caller = Caller(endpoint: server.endpoint, token: token)
    }

    func get(_ path: String) async throws -> HTTPResponse { try await caller.send("GET", path) }

    func send(_ method: String, _ path: String, _ body: JSONValue) async throws -> HTTPResponse {
        try await caller.json(method, path, body)
    }

    /// `PUT /admin/policies`.
    func publish(_ policies: String, expected: Int, schema: String? = nil) async throws -> HTTPResponse {
        var body: [String: JSONValue] = ["policies": .string(policies), "expectedVersion": .number(Double(expected))]
        if let schema { body["schema"] = .string(schema) }
        return try await send("PUT", "/admin/policies", .object(body))
    }

    /// `POST /admin/policies/candidate`.
    func propose(_ policies: String, expected: Int) async throws -> HTTPResponse {
        try await send(
            "POST",
            "/admin/policies/candidate",
            ["policies": .string(policies), "expectedVersion": .number(Double(expected))]
        )
    }

    /// The `status` object of `GET /admin/policies`.
    func status() async throws -> JSONValue {
        let reply = try await get("/admin/policies")
        #expect(reply.status == 200)
        return try reply.jsonBody()["status"]
    }

    /// The entries of `GET /admin/policies/audit`.
    func audit() async throws -> [JSONValue] {
        try await get("/admin/policies/audit").jsonBody()["entries"].arrayValue ?? []
    }

    /// The records of `GET /admin/policies/decisions` (`query` appended as is).
    func decisions(_ query: String = "") async throws -> [JSONValue] {
        try await get("/admin/policies/decisions" + query).jsonBody()["decisions"].arrayValue ?? []
    }

    /// The HTTP status of an embedding request (Cedar action `Embed`, permitted by the platform layer).
    func embed() async throws -> HTTPResponse {
        try await caller.json("POST", "/v1/embeddings", ["input": "a clause about indemnity"])
    }

    /// The HTTP reply to an MCP `tools/call` of `tool` on the DocAssist gateway.
    func callTool(_ tool: String, _ arguments: JSONValue = [:]) async throws -> HTTPResponse {
        try await caller.json(
            "POST",
            "/gateways/docassist/mcp",
            [
                "jsonrpc": "2.0", "id": 7, "method": "tools/call",
                "params": ["name": .string(tool), "arguments": arguments],
            ]
        )
    }
}

/// Tenant policy texts the suites publish.
enum TenantPolicies {
    /// Harmless: permits only callers holding a scope nobody is granted.
    static let quiet = """
        @id("quiet")
        permit (principal, action == Action::"Embed", resource) when { context.scopes.contains("never-granted") };
        """
    /// Forbids embeddings for the whole tenant.
    static let noEmbeddings = """
        @id("no-embeddings")
        forbid (principal, action == Action::"Embed", resource);
        """
    /// Permits the bulk export the platform forbids (it must never take effect).
    static let allowExport = """
        @id("allow-export")
        permit (principal, action == Action::"CallTool", resource == Tool::"export_documents");
        """
}

extension HTTPResponse {
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

extension JSONValue {
    /// `self[key]` as an Int, or nil.
    func int(_ key: String) -> Int? { self[key].intValue }
}

@Suite("Policy admin harness")
struct PolicyAdminHarnessTests {
    @Test("a policy deployment starts with the example policy file as its enforced platform layer")
    func platformLayerPublished() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let platform = try PolicyCaller.platformAdmin(actor: "test")
        let current = try #require(try server.platform.policyStore.administration.current(for: platform))
        let example = TestPaths.packageRoot.appendingPathComponent("examples/docassist/policies.cedar").path
        #expect(current.policies == (try String(contentsOfFile: example, encoding: .utf8)))
        #expect(current.info.author == "config")
        #expect(current.info.policyIDs.contains("no-bulk-export"))
    }
}
