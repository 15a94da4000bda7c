import Foundation
import Identity
import Testing

@Suite("KeyRing")
struct KeyRingTests {
    @Test("creates a key on first use with private permissions, and reloads it on restart")
    func persistence() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let ring = try KeyRing(name: "platform", directory: base)
        let kid = ring.activeKey.kid
        let files = try FileManager.default.contentsOfDirectory(atPath: ring.directory.path)
        #expect(files == ["key-000001.pem"])
        let fileMode =
            try FileManager.default.attributesOfItem(atPath: ring.directory.appendingPathComponent(files[0]).path)[
                .posixPermissions
            ] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: ring.directory.path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600 && dirMode == 0o700)
        let reopened = try KeyRing(name: "platform", directory: base)
        #expect(reopened.activeKey.kid == kid)
    }

    @Test("rotation makes a new active key, keeps old ones for verification, and survives restart")
    func rotation() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let ring = try KeyRing(name: "tenant-bigbank", directory: base)
        let issuer = TokenIssuer(issuer: "https://agentry.example.test", keyRing: ring, clock: TestSupport.clock())
        let verifier = TokenVerifier(issuers: [issuer.trusted(audiences: ["api"])], clock: TestSupport.clock())
        let before = try issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 60)
        let oldKid = ring.activeKey.kid
        let newKey = try ring.rotate()
        #expect(ring.activeKey.kid == newKey.kid && newKey.kid != oldKid)
        let after = try issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 60)
        #expect(try verifier.verify(before).keyID == oldKid)
        #expect(try verifier.verify(after).keyID == newKey.kid)
        #expect(Set(ring.jwks.keys.compactMap(\.kid)) == [oldKid, newKey.kid])

        let restarted = try KeyRing(name: "tenant-bigbank", directory: base)
        #expect(restarted.activeKey.kid == newKey.kid)
        let verifierAfterRestart = TokenVerifier(
            issuers: [TrustedIssuer(issuer: issuer.issuer, keys: .keyRing(restarted), audiences: ["api"])],
            clock: TestSupport.clock()
        )
        #expect(try verifierAfterRestart.verify(before).keyID == oldKid)
    }

    @Test("keys beyond the retention count are dropped from memory and disk")
    func retention() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let ring = try KeyRing(name: "r", directory: base, retainedKeys: 2)
        let first = ring.activeKey.kid
        try ring.rotate()
        try ring.rotate()
        #expect(ring.keys.count == 2 && !ring.keys.map(\.kid).contains(first))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: ring.directory.path).sorted() == [
                "key-000002.pem", "key-000003.pem",
            ]
        )
        #expect(ring.jwks.keys.count == 2)
    }

    @Test("ring names that could escape the directory are refused", arguments: ["../x", "", "a/b", ".", "..", "x y"])
    func badNames(name: String) {
        #expect(throws: IdentityError.self) { try KeyRing(name: name, directory: TestSupport.temporaryDirectory()) }
    }

    @Test("a damaged key file stops the ring instead of silently replacing it")
    func damaged() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let ring = try KeyRing(name: "p", directory: base)
        try Data("garbage".utf8).write(to: ring.directory.appendingPathComponent("key-000001.pem"))
        #expect(throws: IdentityError.self) { try KeyRing(name: "p", directory: base) }
    }

    @Test("the JWKS document serialises public members only")
    func jwksJSON() throws {
        let base = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: base) }
        let ring = try KeyRing(name: "p", directory: base)
        let text = String(decoding: try ring.jwks.jsonData(), as: UTF8.self)
        #expect(text.contains(#""kty":"EC""#) && text.contains(#""alg":"ES256""#) && text.contains(#""use":"sig""#))
        #expect(!text.contains(#""d""#))
        #expect(try JWKS.parse(Data(text.utf8)) == ring.jwks)
    }
}
