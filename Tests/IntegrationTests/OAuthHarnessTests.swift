import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy
import Testing

@testable import AgentryServer

/// One Agentry server configured for the OAuth and workload-identity tests: tenants `acme` (shared keys) and
/// `globex` (keys of its own), an agent `helper`, a gateway `gw`, and OAuth clients with different rights.
actor OAuthHarness {
    static let shared = OAuthHarness()
    /// Every configured client's secret is `secret-<id>`.
    static func secret(_ client: String) -> String { "secret-" + client }

    private var starting: Task<AgentryServer, any Error>?

    /// The shared server, started on first use.
    func start() async throws -> AgentryServer {
        if let starting { return try await starting.value }
        let task = Task { try await Self.launch(trustedJWKS: nil) }
        starting = task
        return try await task.value
    }

    /// Starts a separate server whose tenant `acme` also trusts the issuer `issuer` with the JWK Set at `jwksFile`,
    /// after `adjust` has changed the configuration (more tenants, say).
    static func launch(
        trustedJWKS: (issuer: String, file: String)?,
        adjust: (inout DeploymentConfig) throws -> Void = { _ in }
    ) async throws -> AgentryServer {
        let directory = TestPaths.temporaryDirectory("oauth")
        let policies = directory + "/policies.cedar"
        try "@id(\"allow-all\")\npermit (principal, action, resource);\n".write(
            toFile: policies,
            atomically: true,
            encoding: .utf8
        )
        var config = try ConfigLoader.decode(Data(configJSON.utf8))
        config.policies = policies
        config.server.dataDirectory = directory + "/data"
        if let trustedJWKS {
            config.tenants[0].trustedIssuers = [
                TrustedIssuerConfig(issuer: trustedJWKS.issuer, jwksFile: trustedJWKS.file, audiences: ["agentry"])
            ]
        }
        try adjust(&config)
        try ConfigLoader.validate(config)
        return try await AgentryServer.start(config: config, programDirectory: TestPaths.programs)
    }

    private static func client(_ id: String, _ extra: String) -> String {
        #"{"id": "\#(id)", "secretSHA256": "\#(Digest.sha256Hex(secret(id)))", \#(extra)}"#
    }

    static let exchange = OAuthClientConfig.tokenExchangeGrant
    static let configJSON = """
        {
          "server": {"port": 0, "workloadTokenTTLSeconds": 120},
          "tiers": {
            "pooled": {"runtime": "pool", "memory": "pool", "knowledge": "pool", "keys": "pool", "modelRoute": "m"},
            "siloed": {"runtime": "pool", "memory": "pool", "knowledge": "pool", "keys": "silo", "modelRoute": "m"}
          },
          "tenants": [{"id": "acme", "tier": "pooled"}, {"id": "globex", "tier": "siloed"}],
          "agents": [{"id": "helper", "command": ["no-such-agent-program"], "scopes": ["docs:read", "billing:write"]}],
          "gateways": [{"id": "gw", "tools": [{"name": "bill", "description": "d", "inputSchema": {"type": "object"},
            "url": "http://127.0.0.1:9/bill", "audience": "billing", "scope": "billing:write"}]}],
          "models": {"m": {"provider": "extractive"}},
          "policies": "policies.cedar",
          "oauth": {"maxActorChainDepth": 2, "exchangedTokenTTLSeconds": 600},
          "oauthClients": [
            \(client("acme-app", """
                "tenant": "acme", "grantTypes": ["client_credentials", "\(exchange)"],
                "targets": {"billing": ["billing:read", "billing:write"], "acme-svc": ["billing:write", "docs:read"]},
                "workloads": ["helper"], "workloadScopes": ["docs:read"]
                """)),
            \(client("acme-svc", #""tenant": "acme", "targets": {"acme-deep": ["billing:write"]}"#)),
            \(client("acme-deep", #""tenant": "acme", "targets": {"billing": ["billing:write"]}"#)),
            \(client("acme-post", """
                "tenant": "acme", "authMethods": ["client_secret_post"], "targets": {"billing": ["billing:write"]}
                """)),
            \(client("acme-cc", """
                "tenant": "acme", "grantTypes": ["client_credentials"], "targets": {"billing": ["billing:read"]}
                """)),
            \(client("globex-app", """
                "tenant": "globex", "grantTypes": ["client_credentials", "\(exchange)"],
                "targets": {"billing": ["billing:write"]}, "workloads": ["helper"]
                """)),
            \(client("platform-svc", #""targets": {"billing": ["billing:write"]}"#))
          ]
        }
        """
}

/// Form posts to the OAuth endpoints.
struct OAuthCaller: Sendable {
    let endpoint: String

    /// POSTs `fields` form-encoded to `path`, authenticating as `client` with HTTP Basic unless `basic` is false.
    func post(
        _ path: String,
        _ fields: [(String, String)],
        client: String? = nil,
        basic: Bool = true,
        headers: [String: String] = [:]
    ) async throws -> HTTPResponse {
        var all = HTTPHeaders()
        all.set("Content-Type", "application/x-www-form-urlencoded")
        var fields = fields
        if let client {
            if basic {
                let pair = Self.encode(client) + ":" + Self.encode(OAuthHarness.secret(client))
                all.set("Authorization", "Basic " + Data(pair.utf8).base64EncodedString())
            } else {
                fields += [("client_id", client), ("client_secret", OAuthHarness.secret(client))]
            }
        }
        for (name, value) in headers { all.set(name, value) }
        let body = fields.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        guard let url = URL(string: endpoint + path) else { throw CodedError.badRequest("bad test path") }
        return try await HTTPClient().send("POST", url, headers: all, body: Data(body.utf8), timeout: 30)
    }

    /// A token exchange of `subject` by `client` for `audience`.
    func exchange(
        _ subject: String,
        client: String,
        audience: String,
        scope: String? = nil,
        extra: [(String, String)] = []
    ) async throws -> HTTPResponse {
        var fields = [
            ("grant_type", OAuthClientConfig.tokenExchangeGrant), ("subject_token", subject),
            ("subject_token_type", TokenExchangeRequest.accessTokenType), ("audience", audience),
        ]
        if let scope { fields.append(("scope", scope)) }
        return try await post("/oauth2/token", fields + extra, client: client)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension HTTPResponse {
    /// The RFC 6749 `error` member of a reply.
    var oauthError: String { (try? jsonBody())?["error"].stringValue ?? "" }
    /// The `access_token` member of a reply.
    var accessToken: String { (try? jsonBody())?["access_token"].stringValue ?? "" }
}

/// The verified-free payload of a compact JWT, for inspecting what Agentry issued.
func payload(of token: String) throws -> JSONValue {
    .object(try CompactJWS(parsing: token).payloadObject())
}

@Suite("OAuth discovery")
struct OAuthHarnessTests {
    @Test("discovery names the token, introspection and revocation endpoints and both client auth methods")
    func discovery() async throws {
        let server = try await OAuthHarness.shared.start()
        let metadata = try await Caller(endpoint: server.endpoint, token: nil)
            .send("GET", "/.well-known/oauth-authorization-server").jsonBody()
        #expect(
            metadata["introspection_endpoint"] == .string(server.platform.identity.issuerURL + "/oauth2/introspect")
        )
        #expect(metadata["revocation_endpoint"] == .string(server.platform.identity.issuerURL + "/oauth2/revoke"))
        #expect(metadata["grant_types_supported"].arrayValue?.contains("client_credentials") == true)
        #expect(metadata["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post"])
        #expect(metadata["id_token_signing_alg_values_supported"].arrayValue?.contains("ES256") == true)
    }
}
