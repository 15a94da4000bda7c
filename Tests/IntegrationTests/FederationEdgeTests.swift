import AgentryCore
import Foundation
import HTTP
import Identity
import Synchronization
import Tenancy
import Testing

@testable import AgentryServer

/// A loopback OpenID provider: discovery at `/.well-known/openid-configuration`, keys at `/jwks.json` (fetches
/// counted), signing tokens with one ES256 key.
final class LoopbackIdP: Sendable {
    private final class State: Sendable {
        let port = Mutex<UInt16>(0)
        let fetches = Mutex(0)
    }

    let key: SigningKey
    private let server: HTTPServer
    private let state = State()

    init() throws {
        let key = try SigningKey.generate(.es256)
        self.key = key
        var router = Router()
        router.add("GET", "/.well-known/openid-configuration") { [state] _ in
            let base = "http://127.0.0.1:\(state.port.withLock { $0 })"
            return .json(["issuer": .string(base), "jwks_uri": .string(base + "/jwks.json")])
        }
        router.add("GET", "/jwks.json") { [state] _ in
            state.fetches.withLock { $0 += 1 }
            return HTTPResponse(status: 200, body: try JWKS(keys: [key.publicJWK]).jsonData())
        }
        server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), router: router)
        try server.start()
        state.port.withLock { $0 = server.port }
    }

    /// How many times the JWKS was fetched.
    var jwksFetches: Int { state.fetches.withLock { $0 } }

    /// The issuer URL (`iss`).
    var issuer: String { "http://127.0.0.1:\(server.port)" }

    /// A token with `claims` added to `iss`, `aud`, `exp`, `iat` and a fresh `jti`, signed by `signer` (default
    /// the published key) under `kid` (default the signer's).
    func token(
        _ claims: [String: JSONValue],
        signer: SigningKey? = nil,
        kid: String? = nil,
        audience: String = "agentry-app"
    ) throws -> String {
        let signer = signer ?? key
        let now = Date().timeIntervalSince1970.rounded(.down)
        var payload: [String: JSONValue] = [
            "iss": .string(issuer), "aud": .string(audience), "iat": .number(now), "exp": .number(now + 300),
            "jti": .string(UUID().uuidString),
        ]
        payload.merge(claims) { _, new in new }
        return try CompactJWS.sign(
            header: ["typ": "JWT", "kid": .string(kid ?? signer.kid)],
            payload: JSONValue.object(payload).serialized(),
            with: signer
        )
    }

    deinit { server.stop() }
}

@Suite("Inbound federation at the edge")
struct FederationEdgeTests {
    private func admin(_ harness: CredentialHarness.Running, _ token: String) -> Caller {
        Caller(endpoint: harness.server.endpoint, token: token)
    }

    @Test("a federated token is accepted with the configured tenant, its subject, scopes and mapped attributes")
    func accepted() async throws {
        let running = try await CredentialHarness.shared.start()
        let token = try running.idp.token([
            "sub": "fed-alice", "custom:tenant_id": "acme", "scope": "credentials:admin",
            "custom:department": "finance",
        ])
        let reply = try await admin(running, token).send("GET", "/identities/credential-providers")
        #expect(reply.status == 200)

        let request = HTTPRequest(
            method: "GET",
            path: "/",
            headers: HTTPHeaders([("Authorization", "Bearer " + token)]),
            requestID: "test"
        )
        let principal = try await running.server.platform.identity.principal(for: request)
        #expect(principal.tenant == "acme")
        #expect(principal.user == "fed-alice")
        #expect(principal.scopes == ["credentials:admin"])
        #expect(principal.attributes == ["department": "finance"])
        // Once the keys are mirrored, the synchronous path every other route uses accepts it too.
        #expect(try running.server.platform.identity.authenticate(request).tenant == "acme")
    }

    @Test("tenant A's provider can never act in tenant B, whatever its token claims")
    func tenantBound() async throws {
        let running = try await CredentialHarness.shared.start()
        let claimsB = try running.idp.token([
            "sub": "mallory", "custom:tenant_id": "globex", "scope": "credentials:admin",
        ])
        let reply = try await admin(running, claimsB).send("GET", "/identities/credential-providers")
        #expect(reply.status == 401)
        #expect(reply.errorCode == "federation.tenant_mismatch")

        let mixed = try running.idp.token([
            "sub": "mallory", "custom:tenant_id": "acme", "tenant_id": "globex", "scope": "credentials:admin",
        ])
        #expect(try await admin(running, mixed).send("GET", "/identities/credential-providers").status == 401)

        let noClaim = try running.idp.token(["sub": "mallory", "scope": "credentials:admin"])
        #expect(try await admin(running, noClaim).send("GET", "/identities/credential-providers").status == 401)

        let wrongAudience = try running.idp.token(
            ["sub": "alice", "custom:tenant_id": "acme", "scope": "credentials:admin"],
            audience: "another-app"
        )
        #expect(try await admin(running, wrongAudience).send("GET", "/identities/credential-providers").status == 401)
    }

    @Test("a flood of tokens with unknown key ids costs at most one JWKS fetch")
    func unknownKidFlood() async throws {
        let running = try await CredentialHarness.shared.start()
        // Warm: one accepted token so the first fetch is behind us.
        let good = try running.idp.token(["sub": "alice", "custom:tenant_id": "acme", "scope": "credentials:admin"])
        #expect(try await admin(running, good).send("GET", "/identities/credential-providers").status == 200)
        let before = running.idp.jwksFetches

        let rogue = try SigningKey.generate(.es256)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<40 {
                let token = try running.idp.token(
                    ["sub": "alice", "custom:tenant_id": "acme", "scope": "credentials:admin"],
                    signer: rogue,
                    kid: "rogue-\(index)-" + UUID().uuidString
                )
                group.addTask {
                    try await admin(running, token).send("GET", "/identities/credential-providers").status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(before >= 1)
        #expect(statuses.allSatisfy { $0 == 401 })
        #expect(running.idp.jwksFetches - before <= 1)

        // The synchronous path never waits and schedules at most one background pull per issuer.
        for index in 0..<40 {
            let token = try running.idp.token(
                ["sub": "alice", "custom:tenant_id": "acme"],
                signer: rogue,
                kid: "sync-\(index)"
            )
            let request = HTTPRequest(
                method: "GET",
                path: "/",
                headers: HTTPHeaders([("Authorization", "Bearer " + token)]),
                requestID: "flood"
            )
            #expect(throws: (any Error).self) { try running.server.platform.identity.authenticate(request) }
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(running.idp.jwksFetches - before <= 1)
        #expect(try await admin(running, good).send("GET", "/identities/credential-providers").status == 200)
    }

    @Test("a revoked federated token is refused, by its jti")
    func revoked() async throws {
        let running = try await CredentialHarness.shared.start()
        let token = try running.idp.token(["sub": "bob", "custom:tenant_id": "acme", "scope": "credentials:admin"])
        #expect(try await admin(running, token).send("GET", "/identities/credential-providers").status == 200)
        let revoke = try await OAuthCaller(endpoint: running.server.endpoint).post(
            "/oauth2/revoke",
            [("token", token)],
            client: "acme-app"
        )
        #expect(revoke.status == 200)
        let reply = try await admin(running, token).send("GET", "/identities/credential-providers")
        #expect(reply.status == 401)
        #expect(reply.errorCode == "auth.token_revoked")
    }

    @Test("tenants sharing an issuer are merged into one binding that the tenant claim selects from")
    func sharedIssuer() throws {
        var config = try ConfigLoader.decode(Data(OAuthHarness.configJSON.utf8))
        let entry: JSONValue = [
            "issuer": "https://pool.example", "jwksURI": "https://pool.example/jwks", "audiences": ["app"],
            "tenantClaim": "custom:tenant_id",
        ]
        config.tenants[0].federatedIssuers = [entry]
        config.tenants[1].federatedIssuers = [entry]
        let merged = try FederatedIssuerLoader.load(config, reserved: [])
        #expect(merged.count == 1)
        #expect(merged.first?.tenant.tenantIDs == ["acme", "globex"])
        #expect(try merged.first?.tenant.resolve(["custom:tenant_id": "globex"]) == "globex")

        // Entries that differ beyond the tenant, or lack the selecting claim, are refused.
        var wider = entry.objectValue ?? [:]
        wider["audiences"] = ["app", "other"]
        config.tenants[1].federatedIssuers = [.object(wider)]
        #expect(throws: ConfigError.self) { _ = try FederatedIssuerLoader.load(config, reserved: []) }
        var unclaimed = entry.objectValue ?? [:]
        unclaimed["tenantClaim"] = nil
        config.tenants[0].federatedIssuers = [.object(unclaimed)]
        config.tenants[1].federatedIssuers = [.object(unclaimed)]
        #expect(throws: ConfigError.self) { _ = try FederatedIssuerLoader.load(config, reserved: []) }
        #expect(throws: ConfigError.self) {
            _ = try FederatedIssuerLoader.load(config, reserved: ["https://pool.example"])
        }
    }

    @Test("federated entries are bound to their own tenant: naming another tenant is a configuration error")
    func configRefusesOtherTenant() throws {
        var config = try ConfigLoader.decode(Data(OAuthHarness.configJSON.utf8))
        config.tenants[0].federatedIssuers = [
            ["issuer": "https://idp.example", "staticJWKS": ["keys": []], "audiences": ["a"], "tenantID": "globex"]
        ]
        #expect(throws: ConfigError.self) {
            _ = try FederatedIssuerLoader.load(config, reserved: [])
        }
        config.tenants[0].federatedIssuers = [
            ["issuer": "https://idp.example", "discoveryURL": "https://idp.example/d"]
        ]
        do {
            _ = try FederatedIssuerLoader.load(config, reserved: [])
            Issue.record("an entry without audiences was accepted")
        } catch let error as ConfigError {
            #expect(error.message.contains("tenants[0].federatedIssuers[0].audiences"))
        }
    }
}
