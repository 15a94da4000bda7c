import AgentryCore
import Federation
import Foundation
import Identity
import Testing

@Suite("Federated tokens stay in their tenant and their client")
struct TenantIsolationTests {
    private struct Setup {
        let keyA: SigningKey
        let keyB: SigningKey
        let idpA: FakeIdentityProvider
        let idpB: FakeIdentityProvider
        let clock = TestClock()
        let verifier: FederatedVerifier

        init() throws {
            keyA = try SigningKey.generate()
            keyB = try SigningKey.generate()
            idpA = try FakeIdentityProvider(keys: [keyA])
            idpB = try FakeIdentityProvider(keys: [keyB])
            let configs = [(idpA, "acme"), (idpB, "globex")].map { idp, tenant in
                FederatedIssuerConfig(
                    issuer: idp.issuer,
                    discoveryURL: idp.discoveryURL,
                    audiences: ["agentry"],
                    clientIDs: ["portal"],
                    tenant: TenantBinding(tenantIDs: [tenant], claim: "custom:tenant_id")
                )
            }
            verifier = try FederatedVerifier(issuers: configs, clock: clock.now)
        }

        func token(_ key: SigningKey, issuer: String, _ claims: [String: JSONValue]) throws -> String {
            var all: [String: JSONValue] = ["aud": "agentry", "client_id": "portal"]
            all.merge(claims) { _, new in new }
            return try TestTokens.make(key: key, issuer: issuer, now: clock.now(), claims: all)
        }

        func stop() {
            idpA.stop()
            idpB.stop()
        }
    }

    @Test("tenant A's issuer cannot mint a token for tenant B")
    func crossTenantClaim() async throws {
        let setup = try Setup()
        defer { setup.stop() }
        let genuine = try setup.token(setup.keyA, issuer: setup.idpA.issuer, ["custom:tenant_id": "acme"])
        #expect(try await setup.verifier.verify(genuine).tenantID == "acme")

        let claimsB = try setup.token(setup.keyA, issuer: setup.idpA.issuer, ["custom:tenant_id": "globex"])
        await #expect(throws: FederationError.tenantMismatch) { try await setup.verifier.verify(claimsB) }

        let noClaim = try setup.token(setup.keyA, issuer: setup.idpA.issuer, [:])
        await #expect(throws: FederationError.tenantMismatch) { try await setup.verifier.verify(noClaim) }

        await #expect(throws: FederationError.tenantMismatch) {
            try await setup.verifier.verify(genuine, tenant: "globex")
        }
    }

    @Test("a token signed by A's key but naming B's issuer does not verify")
    func borrowedIssuer() async throws {
        let setup = try Setup()
        defer { setup.stop() }
        let forged = try setup.token(setup.keyA, issuer: setup.idpB.issuer, ["custom:tenant_id": "globex"])
        await #expect(throws: IdentityError.keyNotFound) { try await setup.verifier.verify(forged) }
    }

    @Test("unknown or near-miss issuers are refused before any fetch")
    func unknownIssuer() async throws {
        let setup = try Setup()
        defer { setup.stop() }
        for issuer in ["https://other.example", setup.idpA.issuer + "/", setup.idpA.issuer.uppercased()] {
            let token = try setup.token(setup.keyA, issuer: issuer, ["custom:tenant_id": "acme"])
            await #expect(throws: FederationError.issuerUnknown) { try await setup.verifier.verify(token) }
        }
        #expect(setup.idpA.jwksHits == 0)
    }

    @Test("a wrong audience or client id is refused")
    func audienceAndClient() async throws {
        let setup = try Setup()
        defer { setup.stop() }
        let issuer = setup.idpA.issuer
        let wrongAudience = try setup.token(setup.keyA, issuer: issuer, ["custom:tenant_id": "acme", "aud": "other"])
        await #expect(throws: IdentityError.audienceMismatch) { try await setup.verifier.verify(wrongAudience) }

        let wrongClient = try setup.token(setup.keyA, issuer: issuer, ["custom:tenant_id": "acme", "client_id": "x"])
        await #expect(throws: FederationError.clientNotAllowed) { try await setup.verifier.verify(wrongClient) }

        let azpWins = try setup.token(setup.keyA, issuer: issuer, ["custom:tenant_id": "acme", "azp": "mallory"])
        await #expect(throws: FederationError.clientNotAllowed) { try await setup.verifier.verify(azpWins) }
    }

    @Test("an algorithm outside the issuer's allow-list is refused")
    func algorithmAllowList() async throws {
        let key = try SigningKey.generate()
        let idp = try FakeIdentityProvider(keys: [key])
        defer { idp.stop() }
        let config = FederatedIssuerConfig(
            issuer: idp.issuer,
            jwksURI: idp.jwksURL,
            audiences: ["agentry"],
            tenant: TenantBinding(tenantIDs: ["acme"]),
            allowedAlgorithms: [.rs256]
        )
        let clock = TestClock()
        let verifier = try FederatedVerifier(issuers: [config], clock: clock.now)
        let token = try TestTokens.make(key: key, issuer: idp.issuer, now: clock.now(), claims: ["aud": "agentry"])
        await #expect(throws: IdentityError.algorithmNotAllowed) { try await verifier.verify(token) }
    }
}
