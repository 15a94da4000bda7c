import AgentryCore
import Foundation
import Identity
import Tenancy
import Testing

/// The `oauth`, `oauthClients` and `trustedIssuers` configuration: defaults, validation, refused typos.
@Suite("OAuth configuration")
struct OAuthConfigTests {
    private func config(clients: String = "[]", oauth: String = "{}", trusted: String = "") throws -> DeploymentConfig {
        let tenant = trusted.isEmpty ? #"{"id": "acme", "tier": "t"}"# : #"{"id": "acme", "tier": "t", \#(trusted)}"#
        let json = """
            {"tiers": {"t": {"runtime": "pool", "memory": "pool", "knowledge": "pool", "keys": "pool",
                             "modelRoute": "m"}},
             "tenants": [\(tenant)], "models": {"m": {"provider": "extractive"}}, "policies": "p.cedar",
             "agents": [{"id": "helper", "command": ["x"], "scopes": []}],
             "oauth": \(oauth), "oauthClients": \(clients)}
            """
        let decoded = try ConfigLoader.decode(Data(json.utf8))
        try ConfigLoader.validate(decoded)
        return decoded
    }

    private let hash = String(repeating: "ab", count: 32)

    @Test("the example deployment still loads, and the OAuth limits take their defaults")
    func exampleLoads() throws {
        let loaded = try ConfigLoader.load(path: TestPaths.exampleConfig)
        #expect(loaded.oauth.maxActorChainDepth == 4)
        #expect(loaded.oauth.exchangedTokenTTLSeconds == 300)
        #expect(loaded.oauth.refuseScopeWidening)
        let legacy = try config(clients: #"[{"id": "c", "secretSHA256": "\#(hash)", "targets": {"a": ["s"]}}]"#)
        let client = try #require(legacy.oauthClients?.first)
        #expect(client.allows(grantType: OAuthClientConfig.tokenExchangeGrant))
        #expect(!client.allows(grantType: OAuthClientConfig.clientCredentialsGrant))
        #expect(client.allows(authMethod: "client_secret_post") && client.allows(authMethod: "client_secret_basic"))
    }

    @Test(
        "misspelt or invalid OAuth settings are refused, naming the field",
        arguments: [
            (
                #"[{"id": "c", "secretSHA256": "HASH", "grantType": ["client_credentials"]}]"#, "{}",
                "oauthClients[0].grantType"
            ),
            (
                #"[{"id": "c", "secretSHA256": "HASH", "grantTypes": ["client_credentials"]}]"#, "{}",
                "oauthClients[0].tenant"
            ),
            (#"[{"id": "c", "secretSHA256": "HASH", "grantTypes": ["password"]}]"#, "{}", "oauthClients[0].grantTypes"),
            (#"[{"id": "c", "secretSHA256": "nothex"}]"#, "{}", "oauthClients[0].secretSHA256"),
            (#"[{"id": "gateway:gw", "secretSHA256": "HASH"}]"#, "{}", "oauthClients[0].id"),
            (#"[{"id": "c", "secretSHA256": "HASH", "tenant": "nobody"}]"#, "{}", "oauthClients[0].tenant"),
            (
                #"[{"id": "c", "secretSHA256": "HASH", "tenant": "acme", "workloads": ["ghost"]}]"#, "{}",
                "oauthClients[0].workloads"
            ),
            ("[]", #"{"maxActorChainDepth": 0}"#, "oauth.maxActorChainDepth"),
            ("[]", #"{"maxChainDepth": 3}"#, "oauth.maxChainDepth"),
        ]
    )
    func refused(clients: String, oauth: String, path: String) throws {
        do {
            _ = try config(clients: clients.replacingOccurrences(of: "HASH", with: hash), oauth: oauth)
            Issue.record("accepted a configuration with a bad `\(path)`")
        } catch let error as ConfigError {
            #expect(error.message.contains("`\(path)"), "\(error.message)")
        }
    }

    @Test("a trusted issuer needs exactly one JWK Set source")
    func trustedIssuerNeedsKeys() throws {
        #expect(throws: ConfigError.self) {
            _ = try config(trusted: #""trustedIssuers": [{"issuer": "https://idp"}]"#)
        }
        let inline = try config(trusted: #""trustedIssuers": [{"issuer": "https://idp", "jwks": {"keys": []}}]"#)
        #expect(inline.tenants[0].trustedIssuers?.first?.issuer == "https://idp")
    }
}
