import Foundation
import Identity
import Testing

@Suite("KeyRings: pool and silo placement")
struct KeyRingsTests {
    @Test("pool tenants share the platform ring; silo tenants get their own, and one JWKS serves all")
    func placement() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let rings = try KeyRings(directory: base, sealer: PlaintextKeySealer(), clock: TestSupport.clock())
        let pooled = try rings.ring(forTenant: "acme", placement: .pool)
        let silo = try rings.ring(forTenant: "bigbank", placement: .silo)
        #expect(pooled === rings.platform)
        #expect(silo.name == "tenant-bigbank" && silo !== rings.platform)
        #expect(try rings.ring(forTenant: "bigbank", placement: .silo) === silo)
        #expect(Set(rings.jwks.keys.compactMap(\.kid)) == [pooled.activeKey.kid, silo.activeKey.kid])

        let issuer = TokenIssuer(issuer: "https://a.test", keyRing: silo, clock: TestSupport.clock())
        let trusted = TrustedIssuer(issuer: issuer.issuer, keys: rings.keySource, audiences: ["api"])
        let verifier = TokenVerifier(issuers: [trusted], clock: TestSupport.clock())
        let token = try issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 60)
        #expect(try verifier.verify(token).keyID == silo.activeKey.kid)
    }

    @Test("tenant ids that are not a safe path component are refused", arguments: ["../x", "a/b", "", "x y"])
    func badTenant(id: String) throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let rings = try KeyRings(directory: base, sealer: PlaintextKeySealer())
        #expect(throws: IdentityError.self) { try rings.ring(forTenant: id, placement: .silo) }
    }

    @Test("rotateAll schedules a pending key in every ring")
    func rotateAll() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let rings = try KeyRings(directory: base, sealer: PlaintextKeySealer(), clock: TestSupport.clock())
        _ = try rings.ring(forTenant: "bigbank", placement: .silo)
        try rings.rotateAll()
        #expect(rings.rings.allSatisfy { $0.schedule.map(\.phase) == [.active, .pending] })
    }
}
