import Federation
import Foundation
import Identity
import Testing

@Suite("JWKSCache timing, single flight and fallback")
struct JWKSCacheTests {
    private let key: SigningKey
    private let config: FederatedIssuerConfig

    init() throws {
        key = try SigningKey.generate()
        config = FederatedIssuerConfig(
            issuer: "https://idp.test",
            jwksURI: URL(string: "https://idp.test/jwks"),
            audiences: ["agentry"],
            tenant: TenantBinding(tenantIDs: ["acme"])
        )
    }

    private func cache(
        _ fetcher: ScriptedFetcher,
        _ clock: TestClock,
        config: FederatedIssuerConfig? = nil
    )
        -> JWKSCache
    {
        JWKSCache(config: config ?? self.config, fetcher: fetcher, clock: clock.now)
    }

    @Test(
        "cache lifetime follows max-age clamped to one minute to one day, ten minutes by default",
        arguments: [(5.0, 60.0), (nil, 600.0), (3_600.0, 3_600.0), (1_000_000.0, 86_400.0)] as [(Double?, Double)]
    )
    func lifetime(maxAge: Double?, expected: Double) async throws {
        let fetcher = ScriptedFetcher(jwks: JWKS(keys: [key.publicJWK]), maxAge: maxAge)
        let clock = TestClock()
        let cache = cache(fetcher, clock)
        #expect(await cache.keys(for: key.kid).count == 1)

        clock.advance(expected - 1)
        _ = await cache.keys(for: key.kid)
        #expect(fetcher.calls == 1, "still fresh just before the lifetime ends")
        clock.advance(1)
        _ = await cache.keys(for: key.kid)
        #expect(fetcher.calls == 2, "refreshed once the lifetime ended")
    }

    @Test("concurrent misses during a slow fetch share that one fetch")
    func singleFlight() async throws {
        let fetcher = ScriptedFetcher(jwks: JWKS(keys: [key.publicJWK]))
        fetcher.update { $0.delay = .milliseconds(200) }
        let clock = TestClock()
        let cache = cache(fetcher, clock)

        let found = await withTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                group.addTask { await cache.keys(for: index.isMultiple(of: 2) ? key.kid : "unknown-\(index)").count }
            }
            return await group.reduce(0, +)
        }

        #expect(found == 100)
        #expect(fetcher.calls == 1)
        #expect(await cache.fetchAttempts == 1)
    }

    @Test("an unknown kid refreshes at most once per interval")
    func rateLimit() async throws {
        let fetcher = ScriptedFetcher(jwks: JWKS(keys: [key.publicJWK]))
        let clock = TestClock()
        let cache = cache(fetcher, clock)
        _ = await cache.keys(for: key.kid)
        for second in 0..<29 {
            clock.advance(1)
            #expect(await cache.keys(for: "new-\(second)").isEmpty)
        }
        #expect(fetcher.calls == 1)
        clock.advance(1)
        _ = await cache.keys(for: "newer")
        #expect(fetcher.calls == 2)
    }

    @Test("failed fetches are rate limited too, and the static keys serve meanwhile")
    func failingProvider() async throws {
        let other = try SigningKey.generate()
        var withFallback = config
        withFallback.staticJWKS = JWKS(keys: [other.publicJWK])
        let fetcher = ScriptedFetcher(jwks: JWKS(keys: [key.publicJWK]))
        fetcher.update { $0.failing = true }
        let clock = TestClock()
        let cache = cache(fetcher, clock, config: withFallback)

        for _ in 0..<50 { #expect(await cache.keys(for: other.kid).count == 1) }
        #expect(fetcher.calls == 1)

        fetcher.update { $0.failing = false }
        clock.advance(30)
        #expect(await cache.keys(for: key.kid).count == 1)
        #expect(await cache.keys(for: other.kid).isEmpty, "fetched keys replace the static fallback")
    }

    @Test("stale keys are dropped after the staleness limit")
    func stalenessLimit() async throws {
        let fetcher = ScriptedFetcher(jwks: JWKS(keys: [key.publicJWK]), maxAge: 60)
        let clock = TestClock()
        let cache = cache(fetcher, clock)
        #expect(await cache.keys(for: key.kid).count == 1)
        fetcher.update { $0.failing = true }

        clock.advance(60 + 3_600)
        #expect(await cache.keys(for: key.kid).count == 1)
        clock.advance(86_400)
        #expect(await cache.keys(for: key.kid).isEmpty)
    }

    @Test("a JWKS with no usable keys does not replace the cached one")
    func unusableJWKS() async throws {
        let fetcher = ScriptedFetcher(jwks: JWKS(keys: [key.publicJWK]), maxAge: 60)
        let clock = TestClock()
        let cache = cache(fetcher, clock)
        _ = await cache.keys(for: key.kid)
        fetcher.update { $0.jwks = JWKS(keys: [JWK(kty: "oct", kid: "hmac")]) }
        clock.advance(61)
        #expect(await cache.keys(for: key.kid).count == 1)
        #expect(fetcher.calls == 2)
    }
}
