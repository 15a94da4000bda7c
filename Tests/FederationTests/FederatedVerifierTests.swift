import AgentryCore
import Federation
import Foundation
import Identity
import Testing

@Suite("FederatedVerifier against an identity provider on 127.0.0.1")
struct FederatedVerifierTests {
    private func cognitoConfig(_ idp: FakeIdentityProvider, tenant: String = "acme") -> FederatedIssuerConfig {
        FederatedIssuerConfig(
            issuer: idp.issuer,
            discoveryURL: idp.discoveryURL,
            audiences: ["app-client-1"],
            clientIDs: ["app-client-1"],
            tenant: TenantBinding(tenantIDs: [tenant], claim: "custom:tenant_id"),
            attributeMapping: ["custom:department": "department", "cognito:groups": "groups"]
        )
    }

    @Test("accepts a Cognito-style token and maps tenant, client, scopes and attributes")
    func happyPath() async throws {
        let key = try SigningKey.generate()
        let idp = try FakeIdentityProvider(keys: [key])
        defer { idp.stop() }
        let clock = TestClock()
        let verifier = try FederatedVerifier(issuers: [cognitoConfig(idp)], clock: clock.now)
        let token = try TestTokens.make(
            key: key,
            issuer: idp.issuer,
            now: clock.now(),
            claims: [
                "aud": "app-client-1", "custom:tenant_id": "acme", "client_id": "app-client-1",
                "scope": "docs.read docs.write", "custom:department": "legal", "cognito:groups": ["admins"],
            ]
        )

        let identity = try await verifier.verify(token)

        #expect(identity.tenantID == "acme")
        #expect(identity.subject == "user-1")
        #expect(identity.issuer == idp.issuer)
        #expect(identity.clientID == "app-client-1")
        #expect(identity.scopes == ["docs.read", "docs.write"])
        #expect(identity.attributes == ["department": "legal", "groups": ["admins"]])
        #expect(idp.jwksHits == 1)
        _ = try await verifier.verify(token)
        #expect(idp.jwksHits == 1, "a cached JWKS is reused")
    }

    @Test("accepts an Entra-style token whose tid maps to the tenant, with scp scopes")
    func entraStyle() async throws {
        let key = try SigningKey.generate()
        let idp = try FakeIdentityProvider(keys: [key])
        defer { idp.stop() }
        let clock = TestClock()
        let tid = "72f988bf-86f1-41af-91ab-2d7cd011db47"
        let config = FederatedIssuerConfig(
            issuer: idp.issuer,
            jwksURI: idp.jwksURL,
            audiences: ["api://agentry"],
            clientIDs: ["spa-client"],
            tenant: TenantBinding(tenantIDs: ["contoso"], claim: "tid", valueMap: [tid: "contoso"]),
            attributeMapping: ["roles": "roles"]
        )
        let verifier = try FederatedVerifier(issuers: [config], clock: clock.now)
        let claims: [String: JSONValue] = [
            "aud": "api://agentry", "tid": .string(tid), "azp": "spa-client", "scp": "Files.Read User.Read",
            "roles": ["Reader"],
        ]

        let identity = try await verifier.verify(
            TestTokens.make(key: key, issuer: idp.issuer, now: clock.now(), claims: claims)
        )
        #expect(identity.tenantID == "contoso")
        #expect(identity.clientID == "spa-client")
        #expect(identity.scopes == ["Files.Read", "User.Read"])
        #expect(identity.attributes == ["roles": ["Reader"]])

        var foreign = claims
        foreign["tid"] = "00000000-0000-0000-0000-000000000000"
        let token = try TestTokens.make(key: key, issuer: idp.issuer, now: clock.now(), claims: foreign)
        await #expect(throws: FederationError.tenantMismatch) { try await verifier.verify(token) }
    }

    @Test("a new kid at the provider is fetched once the refresh interval allows, then accepted")
    func keyRotation() async throws {
        let oldKey = try SigningKey.generate()
        let newKey = try SigningKey.generate()
        let idp = try FakeIdentityProvider(keys: [oldKey])
        defer { idp.stop() }
        let clock = TestClock()
        let verifier = try FederatedVerifier(issuers: [cognitoConfig(idp)], clock: clock.now)
        let claims: [String: JSONValue] = ["aud": "app-client-1", "custom:tenant_id": "acme", "azp": "app-client-1"]
        _ = try await verifier.verify(
            TestTokens.make(key: oldKey, issuer: idp.issuer, now: clock.now(), claims: claims)
        )

        idp.state.withLock { $0.keys = [oldKey, newKey] }
        clock.advance(5)
        let early = try TestTokens.make(key: newKey, issuer: idp.issuer, now: clock.now(), claims: claims)
        await #expect(throws: IdentityError.keyNotFound, "refresh is rate limited") { try await verifier.verify(early) }
        #expect(idp.jwksHits == 1)

        clock.advance(26)
        let rotated = try TestTokens.make(key: newKey, issuer: idp.issuer, now: clock.now(), claims: claims)

        #expect(try await verifier.verify(rotated).tenantID == "acme")
        #expect(idp.jwksHits == 2)
    }

    @Test("1,000 tokens with random kids cause at most two JWKS fetches")
    func unknownKidFlood() async throws {
        let key = try SigningKey.generate()
        let idp = try FakeIdentityProvider(keys: [key])
        defer { idp.stop() }
        let clock = TestClock()
        let verifier = try FederatedVerifier(issuers: [cognitoConfig(idp)], clock: clock.now)
        let claims: [String: JSONValue] = ["aud": "app-client-1", "custom:tenant_id": "acme", "azp": "app-client-1"]
        let now = clock.now()
        let tokens = try (0..<1_000).map { _ in
            try TestTokens.make(key: key, kid: UUID().uuidString, issuer: idp.issuer, now: now, claims: claims)
        }

        let refusals = await withTaskGroup(of: String?.self) { group in
            for token in tokens {
                group.addTask {
                    do {
                        _ = try await verifier.verify(token)
                        return nil
                    } catch let error as IdentityError {
                        return error.code
                    } catch {
                        return "other"
                    }
                }
            }
            return await group.reduce(into: [String]()) { if let code = $1 { $0.append(code) } }
        }

        #expect(refusals.count == 1_000)
        #expect(Set(refusals) == ["identity.key_not_found"])
        #expect(idp.jwksHits >= 1 && idp.jwksHits <= 2)
        let valid = try TestTokens.make(key: key, issuer: idp.issuer, now: now, claims: claims)
        #expect(try await verifier.verify(valid).tenantID == "acme")
    }

    @Test("an implausible kid is refused without asking the provider")
    func implausibleKid() async throws {
        let key = try SigningKey.generate()
        let idp = try FakeIdentityProvider(keys: [key])
        defer { idp.stop() }
        let clock = TestClock()
        let verifier = try FederatedVerifier(issuers: [cognitoConfig(idp)], clock: clock.now)
        let claims: [String: JSONValue] = ["aud": "app-client-1", "custom:tenant_id": "acme", "azp": "app-client-1"]
        for kid in [String(repeating: "k", count: 300), "", "a\u{0}b"] {
            let token = try TestTokens.make(key: key, kid: kid, issuer: idp.issuer, now: clock.now(), claims: claims)
            await #expect(throws: IdentityError.keyNotFound) { try await verifier.verify(token) }
        }
        #expect(idp.jwksHits == 0)
    }

    @Test("while the provider is down, cached keys keep working")
    func staleWhileError() async throws {
        let key = try SigningKey.generate()
        let idp = try FakeIdentityProvider(keys: [key])
        defer { idp.stop() }
        let clock = TestClock()
        let verifier = try FederatedVerifier(issuers: [cognitoConfig(idp)], clock: clock.now)
        let claims: [String: JSONValue] = ["aud": "app-client-1", "custom:tenant_id": "acme", "azp": "app-client-1"]
        _ = try await verifier.verify(TestTokens.make(key: key, issuer: idp.issuer, now: clock.now(), claims: claims))

        idp.state.withLock { $0.down = true }
        clock.advance(700)
        let later = try TestTokens.make(key: key, issuer: idp.issuer, now: clock.now(), claims: claims)

        #expect(try await verifier.verify(later).tenantID == "acme")
        #expect(idp.jwksHits == 2, "the expired cache tried to refresh")
        let cache = try #require(verifier.cache(for: idp.issuer))
        await #expect {
            try await cache.refresh()
        } throws: { error in
            (error as? FederationError)?.code == "federation.fetch_failed"
        }
        #expect(try await verifier.verify(later).tenantID == "acme")
    }

    @Test("the static JWKS is used when no fetch ever succeeded, and nothing is trusted without it")
    func staticFallback() async throws {
        let key = try SigningKey.generate()
        let idp = try FakeIdentityProvider(keys: [key])
        defer { idp.stop() }
        idp.state.withLock { $0.down = true }
        let clock = TestClock()
        var withFallback = cognitoConfig(idp)
        withFallback.staticJWKS = JWKS(keys: [key.publicJWK])
        let claims: [String: JSONValue] = ["aud": "app-client-1", "custom:tenant_id": "acme", "azp": "app-client-1"]
        let token = try TestTokens.make(key: key, issuer: idp.issuer, now: clock.now(), claims: claims)

        let fallback = try FederatedVerifier(issuers: [withFallback], clock: clock.now)
        #expect(try await fallback.verify(token).tenantID == "acme")

        let bare = try FederatedVerifier(issuers: [cognitoConfig(idp)], clock: clock.now)
        await #expect(throws: IdentityError.keyNotFound) { try await bare.verify(token) }
    }

    @Test("a discovery document naming another issuer is refused")
    func discoveryIssuerMismatch() async throws {
        let key = try SigningKey.generate()
        let idp = try FakeIdentityProvider(keys: [key])
        defer { idp.stop() }
        idp.state.withLock { $0.discoveryIssuer = "https://evil.example" }
        let clock = TestClock()
        let verifier = try FederatedVerifier(issuers: [cognitoConfig(idp)], clock: clock.now)
        let claims: [String: JSONValue] = ["aud": "app-client-1", "custom:tenant_id": "acme", "azp": "app-client-1"]
        let token = try TestTokens.make(key: key, issuer: idp.issuer, now: clock.now(), claims: claims)

        await #expect(throws: IdentityError.keyNotFound) { try await verifier.verify(token) }
        #expect(idp.jwksHits == 0)
        let cache = try #require(verifier.cache(for: idp.issuer))
        await #expect(throws: FederationError.discoveryIssuerMismatch) { try await cache.refresh() }
    }

    @Test("a JWKS over the size limit is refused")
    func oversizedJWKS() async throws {
        let key = try SigningKey.generate()
        let idp = try FakeIdentityProvider(keys: [key])
        defer { idp.stop() }
        idp.state.withLock { $0.padding = 300 * 1024 }
        let verifier = try FederatedVerifier(issuers: [cognitoConfig(idp)])
        let cache = try #require(verifier.cache(for: idp.issuer))
        await #expect(throws: FederationError.responseTooLarge) { try await cache.refresh() }
        #expect(await cache.hasFetchedKeys == false)
    }
}
