import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy
import Testing

@testable import AgentryServer

/// One loopback identity provider and one Agentry server (the OAuth harness configuration, with `acme`
/// federating the provider), shared by the federation, vault and resource-credential suites.
actor CredentialHarness {
    struct Running: Sendable {
        let idp: LoopbackIdP
        let server: AgentryServer
        let dataDirectory: String
        /// A provider token endpoint on 127.0.0.1 (the only host exempt from the endpoint rules in these tests).
        let provider: LoopbackProvider
    }

    static let shared = CredentialHarness()
    private var starting: Task<Running, any Error>?

    func start() async throws -> Running {
        if let starting { return try await starting.value }
        let task = Task { try await Self.launch() }
        starting = task
        return try await task.value
    }

    private static func launch() async throws -> Running {
        LogSink.shared.startCapture()
        ResourceCredentialEndpointRules.replace(with: ResourceCredentialEndpointRules(allowed: ["127.0.0.1"]))
        let idp = try LoopbackIdP()
        let directory = TestPaths.temporaryDirectory("credentials")
        let policies = directory + "/policies.cedar"
        try "@id(\"allow-all\")\npermit (principal, action, resource);\n".write(
            toFile: policies,
            atomically: true,
            encoding: .utf8
        )
        var config = try ConfigLoader.decode(Data(OAuthHarness.configJSON.utf8))
        config.policies = policies
        config.server.dataDirectory = directory + "/data"
        config.tenants[0].federatedIssuers = [
            [
                "issuer": .string(idp.issuer),
                "discoveryURL": .string(idp.issuer + "/.well-known/openid-configuration"),
                "audiences": ["agentry-app"],
                "tenantClaim": "custom:tenant_id",
                "attributeMapping": ["custom:department": "department"],
            ]
        ]
        try ConfigLoader.validate(config)
        let server = try await AgentryServer.start(config: config, programDirectory: TestPaths.programs)
        return Running(idp: idp, server: server, dataDirectory: directory + "/data", provider: try LoopbackProvider())
    }
}

/// Calls the credential APIs of the shared harness.
struct CredentialClient: Sendable {
    let running: CredentialHarness.Running

    var platform: Platform { running.server.platform }

    func adminToken(tenant: String = "acme", scopes: Set<String> = ["credentials:admin"]) throws -> String {
        try platform.identity.issueUserToken(tenant: tenant, user: "admin-" + tenant, scopes: scopes, ttl: 300)
    }

    /// A workload token for agent `helper` obtained the AgentCore way, through the tenant's OAuth client.
    func workloadToken(client: String = "acme-app") async throws -> String {
        let reply = try await WorkloadCaller(endpoint: running.server.endpoint).call(
            "GetWorkloadAccessTokenForUserId",
            ["workloadName": "helper", "userId": "user-1"],
            client: client
        )
        return try #require(try reply.jsonBody()["workloadAccessToken"].stringValue)
    }

    func put(_ name: String, _ body: JSONValue, tenant: String = "acme") async throws -> HTTPResponse {
        try await Caller(endpoint: running.server.endpoint, token: adminToken(tenant: tenant))
            .json("PUT", "/identities/credential-providers/" + name, body)
    }

    func call(_ operation: String, _ body: JSONValue) async throws -> HTTPResponse {
        try await Caller(endpoint: running.server.endpoint, token: nil).json("POST", "/identities/" + operation, body)
    }
}

@Suite("GetResourceApiKey and GetResourceOauth2Token")
struct ResourceCredentialTests {
    private func client() async throws -> CredentialClient {
        CredentialClient(running: try await CredentialHarness.shared.start())
    }

    @Test("the owning tenant's workload gets its API key; another tenant's workload gets the missing-name answer")
    func ownTenantOnly() async throws {
        let client = try await client()
        let secret = "sk-acme-" + UUID().uuidString
        #expect(try await client.put("search-api", ["apiKey": .string(secret)]).status == 200)

        let acme = try await client.workloadToken()
        let own = try await client.call(
            "GetResourceApiKey",
            ["workloadIdentityToken": .string(acme), "resourceCredentialProviderName": "search-api"]
        )
        #expect(own.status == 200)
        #expect(try own.jsonBody()["apiKey"].stringValue == secret)
        // AgentCore's own path answers the same.
        let alias = try await client.call(
            "api-key",
            ["workloadIdentityToken": .string(acme), "resourceCredentialProviderName": "search-api"]
        )
        #expect(try alias.jsonBody()["apiKey"].stringValue == secret)

        // Red team: globex's workload asks for acme's secret by name.
        let globex = try await client.workloadToken(client: "globex-app")
        let stolen = try await client.call(
            "GetResourceApiKey",
            ["workloadIdentityToken": .string(globex), "resourceCredentialProviderName": "search-api"]
        )
        let missing = try await client.call(
            "GetResourceApiKey",
            ["workloadIdentityToken": .string(globex), "resourceCredentialProviderName": "no-such-provider"]
        )
        #expect(stolen.status == 404)
        #expect(stolen.body == missing.body)
        #expect(stolen.headers["x-amzn-errortype"] == "ResourceNotFoundException")
        #expect(!String(decoding: stolen.body, as: UTF8.self).contains(secret))
    }

    @Test("a user token, a revoked workload token and no token are refused")
    func callerMustBeALiveWorkload() async throws {
        let client = try await client()
        let secret = "sk-refuse-" + UUID().uuidString
        #expect(try await client.put("refuse-api", ["apiKey": .string(secret)]).status == 200)
        let body: (String) -> JSONValue = { token in
            ["workloadIdentityToken": .string(token), "resourceCredentialProviderName": "refuse-api"]
        }

        let user = try client.adminToken()
        let asUser = try await client.call("GetResourceApiKey", body(user))
        #expect(asUser.status == 403)
        #expect(asUser.errorCode == "credentials.access_denied")

        let workload = try await client.workloadToken()
        #expect(try await client.call("GetResourceApiKey", body(workload)).status == 200)
        let revoke = try await OAuthCaller(endpoint: client.running.server.endpoint).post(
            "/oauth2/revoke",
            [("token", workload)],
            client: "acme-app"
        )
        #expect(revoke.status == 200)
        let revoked = try await client.call("GetResourceApiKey", body(workload))
        #expect(revoked.status == 401)
        #expect(!String(decoding: revoked.body, as: UTF8.self).contains(secret))

        #expect(
            try await client.call("GetResourceApiKey", ["resourceCredentialProviderName": "refuse-api"]).status == 400
        )
    }

    @Test("M2M: Agentry runs a client_credentials grant at the provider with the vault-held secret")
    func machineToMachine() async throws {
        let client = try await client()
        let provider: JSONValue = [
            "oauth2": [
                "clientId": "ext-cc", "clientSecret": "ext-cc-secret",
                "tokenEndpoint": .string(client.running.provider.base + "/token"), "scopes": ["billing:read"],
            ]
        ]
        #expect(try await client.put("billing-m2m", provider).status == 200)
        let workload = try await client.workloadToken()
        let reply = try await client.call(
            "GetResourceOauth2Token",
            [
                "workloadIdentityToken": .string(workload), "resourceCredentialProviderName": "billing-m2m",
                "scopes": ["billing:read"], "oauth2Flow": "M2M",
            ]
        )
        #expect(reply.status == 200)
        #expect(try reply.jsonBody()["accessToken"] == "provider-issued")
        let form = try #require(client.running.provider.lastForm(client: "ext-cc"))
        #expect(form["grant_type"] == "client_credentials")
        #expect(form["scope"] == "billing:read")

        let wider = try await client.call(
            "oauth2/token",
            [
                "workloadIdentityToken": .string(workload), "resourceCredentialProviderName": "billing-m2m",
                "scopes": ["billing:write"], "oauth2Flow": "M2M",
            ]
        )
        #expect(wider.status == 400)
    }

    @Test("USER_FEDERATION: an RFC 8693 exchange at the provider for the workload's user, never for a bare workload")
    func userDelegated() async throws {
        let client = try await client()
        let provider: JSONValue = [
            "oauth2": [
                "clientId": "ext-fed", "clientSecret": "ext-fed-secret",
                "tokenEndpoint": .string(client.running.provider.base + "/token"), "scopes": ["docs:read"],
            ]
        ]
        #expect(try await client.put("billing-user", provider).status == 200)
        let workload = try await client.workloadToken()
        let request: JSONValue = [
            "workloadIdentityToken": .string(workload), "resourceCredentialProviderName": "billing-user",
            "scopes": ["docs:read"], "oauth2Flow": "USER_FEDERATION", "customParameters": ["audience": "billing"],
        ]
        let reply = try await client.call("GetResourceOauth2Token", request)
        #expect(reply.status == 200)
        #expect(try reply.jsonBody()["accessToken"] == "provider-issued")
        let form = try #require(client.running.provider.lastForm(client: "ext-fed"))
        #expect(form["audience"] == "billing")
        let claims = try payload(of: try #require(form["subject_token"]))
        #expect(claims["sub"] == "user-1")
        #expect(claims["aud"] == ["ext-fed"] || claims["aud"] == "ext-fed")
        #expect(claims["scope"] == "docs:read")
        #expect(claims["act"]["sub"] == "agent:helper")

        // A workload acting for no user, and a three-legged request, are refused.
        let bare = try await WorkloadCaller(endpoint: client.running.server.endpoint).call(
            "GetWorkloadAccessToken",
            ["workloadName": "helper"]
        )
        let bareToken = try #require(try bare.jsonBody()["workloadAccessToken"].stringValue)
        var noUser = request.objectValue ?? [:]
        noUser["workloadIdentityToken"] = .string(bareToken)
        #expect(try await client.call("GetResourceOauth2Token", .object(noUser)).status == 400)
        var consent = request.objectValue ?? [:]
        consent["resourceOauth2ReturnUrl"] = "https://app.example/callback"
        #expect(try await client.call("GetResourceOauth2Token", .object(consent)).status == 400)
    }

    @Test("no secret ever reaches a log line or an error body")
    func secretsNeverLogged() async throws {
        let client = try await client()
        let apiKey = "sk-log-" + UUID().uuidString
        let clientSecret = "cs-log-" + UUID().uuidString
        #expect(try await client.put("log-api", ["apiKey": .string(apiKey)]).status == 200)
        let provider: JSONValue = [
            "oauth2": [
                "clientId": "ext-log", "clientSecret": .string(clientSecret),
                "tokenEndpoint": .string(client.running.provider.base + "/refuse"),
            ]
        ]
        #expect(try await client.put("log-m2m", provider).status == 200)
        let workload = try await client.workloadToken()
        var bodies: [Data] = []
        for name in ["log-api", "log-m2m"] {
            for operation in ["GetResourceApiKey", "GetResourceOauth2Token"] {
                let reply = try await client.call(
                    operation,
                    [
                        "workloadIdentityToken": .string(workload), "resourceCredentialProviderName": .string(name),
                        "oauth2Flow": "M2M",
                    ]
                )
                if reply.status != 200 { bodies.append(reply.body) }
            }
        }
        // The wrong secret makes the provider refuse: a 502 that must not echo anything.
        #expect(bodies.count == 3)
        let list = try await Caller(endpoint: client.running.server.endpoint, token: client.adminToken())
            .send("GET", "/identities/credential-providers")
        let texts = bodies.map { String(decoding: $0, as: UTF8.self) } + [String(decoding: list.body, as: UTF8.self)]
        let logs = LogSink.shared.captured().map { $0.values.joined(separator: " ") + " " + $0.keys.joined() }
        #expect(!logs.isEmpty)
        for secret in [apiKey, clientSecret] {
            #expect(!texts.contains { $0.contains(secret) })
            #expect(!logs.contains { $0.contains(secret) })
        }
    }
}
