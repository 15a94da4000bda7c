import Foundation
import Identity
import Synchronization
import Testing

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let state = Mutex(TestSupport.now)

    /// The current time.
    var now: Date { state.withLock { $0 } }

    /// A closure reading this clock.
    var closure: @Sendable () -> Date { { self.now } }

    /// Moves the clock forward by `seconds`.
    func advance(_ seconds: TimeInterval) {
        state.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// A sealer that really transforms the bytes (XOR with a label-derived stream and a tag), so tests can see that no
/// PEM reaches the disk and that a label mismatch fails.
struct ScramblingSealer: KeySealer {
    func seal(_ plaintext: Data, label: String) throws -> Data {
        Data("TOY1".utf8) + Self.scramble(Data(label.utf8) + plaintext, label: label)
    }

    func open(_ sealed: Data, label: String) throws -> Data {
        guard sealed.starts(with: Data("TOY1".utf8)) else { throw IdentityError.keyStorage("bad seal") }
        let clear = Self.scramble(sealed.dropFirst(4), label: label)
        let prefix = Data(label.utf8)
        guard clear.starts(with: prefix) else { throw IdentityError.keyStorage("bad label") }
        return clear.dropFirst(prefix.count)
    }

    private static func scramble(_ data: Data, label: String) -> Data {
        let key = Array(label.utf8) + [0x5A]
        return Data(data.enumerated().map { $0.element ^ key[$0.offset % key.count] ^ 0xA5 })
    }
}

@Suite("KeyRing rotation and sealing")
struct KeyRingRotationTests {
    static let policy = KeyRotationPolicy(activationDelay: 3600, maximumTokenLifetime: 600)

    private func ring(_ base: URL, _ clock: ManualClock, algorithm: JWSAlgorithm = .es256) throws -> KeyRing {
        try KeyRing(
            name: "tenant-a",
            directory: base,
            algorithm: algorithm,
            policy: Self.policy,
            sealer: ScramblingSealer(),
            clock: clock.closure
        )
    }

    @Test("a rotated key is published at once but signs only after the activation delay")
    func publishedBeforeUse() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let clock = ManualClock()
        let ring = try ring(base, clock)
        let first = ring.activeKey.kid
        let next = try ring.rotate()
        #expect(ring.activeKey.kid == first)
        #expect(Set(ring.jwks.keys.compactMap(\.kid)) == [first, next.kid])
        #expect(ring.schedule.map(\.phase) == [.active, .pending])
        clock.advance(3599)
        #expect(ring.activeKey.kid == first)
        clock.advance(1)
        #expect(ring.activeKey.kid == next.kid)
        #expect(ring.schedule.map(\.phase) == [.retired, .active])
    }

    @Test("a retired key stays published until its last token has expired, then is deleted")
    func retention() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let clock = ManualClock()
        let ring = try ring(base, clock)
        let issuer = TokenIssuer(issuer: "https://a.test", keyRing: ring, maximumTTL: 600, clock: clock.closure)
        let verifier = TokenVerifier(issuers: [issuer.trusted(audiences: ["api"])], clock: clock.closure)
        try ring.rotate()
        clock.advance(3599)
        let last = try issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 600)
        clock.advance(1)
        let retired = try #require(ring.schedule.first)
        #expect(retired.phase == .retired)
        #expect(retired.removableAt == retired.retiredAt?.addingTimeInterval(600 + TokenVerifier.maximumClockSkew))
        clock.advance(599)
        #expect(try verifier.verify(last).keyID == retired.kid)
        clock.advance(300)
        #expect(ring.jwks.keys.count == 2)
        clock.advance(1)
        #expect(ring.jwks.keys.count == 1)
        #expect(ring.prune() == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ring.directory.path) == ["key-000002.sealed"])
    }

    @Test("keys are sealed at rest with private modes, and reopen with their schedule")
    func sealedAtRest() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let clock = ManualClock()
        let ring = try ring(base, clock)
        let next = try ring.rotate()
        let names = try FileManager.default.contentsOfDirectory(atPath: ring.directory.path).sorted()
        #expect(names == ["key-000001.sealed", "key-000002.sealed"])
        for name in names {
            let url = ring.directory.appendingPathComponent(name)
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            #expect(!text.contains("PRIVATE KEY") && !text.contains("activates_at"))
            let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        let directoryMode = try FileManager.default.attributesOfItem(atPath: ring.directory.path)[.posixPermissions]
        #expect(directoryMode as? Int == 0o700)
        let reopened = try self.ring(base, clock)
        #expect(reopened.schedule == ring.schedule)
        clock.advance(3600)
        #expect(reopened.activeKey.kid == next.kid)
    }

    @Test("a sealed key moved to another slot, or opened with another sealer, stops the ring")
    func sealBinding() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let clock = ManualClock()
        let ring = try ring(base, clock)
        #expect(throws: IdentityError.self) {
            try KeyRing(name: "tenant-a", directory: base, sealer: PlaintextKeySealer())
        }
        let from = ring.directory.appendingPathComponent("key-000001.sealed")
        try FileManager.default.moveItem(at: from, to: ring.directory.appendingPathComponent("key-000007.sealed"))
        #expect(throws: IdentityError.self) { try self.ring(base, clock) }
    }

    @Test("legacy PEM rings are sealed on first open with a sealer, keeping their keys")
    func migration() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let legacy = try KeyRing(name: "platform", directory: base)
        let kid = legacy.activeKey.kid
        let sealed = try KeyRing(name: "platform", directory: base, sealer: PlaintextKeySealer())
        #expect(sealed.activeKey.kid == kid)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sealed.directory.path) == ["key-000001.sealed"])
    }

    @Test("rings sign and verify with their own algorithm", arguments: [JWSAlgorithm.es384, .rs256, .ps256, .edDSA])
    func algorithms(algorithm: JWSAlgorithm) throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let clock = ManualClock()
        let ring = try ring(base, clock, algorithm: algorithm)
        let issuer = TokenIssuer(issuer: "https://a.test", keyRing: ring, clock: clock.closure)
        let verifier = TokenVerifier(
            issuers: [issuer.trusted(audiences: ["api"])],
            allowedAlgorithms: [algorithm],
            clock: clock.closure
        )
        let token = try issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 60)
        #expect(try verifier.verify(token).algorithm == algorithm)
        #expect(ring.jwks.keys.first?.alg == algorithm.rawValue)
        let es256Only = TokenVerifier(issuers: [issuer.trusted(audiences: ["api"])], clock: clock.closure)
        #expect(throws: IdentityError.algorithmNotAllowed) { try es256Only.verify(token) }
    }
}
