import Foundation
import Identity
import Testing

@Suite("Concurrent verification")
struct ConcurrentVerificationTests {
    @Test("many tasks verifying with one key (pooled OpenSSL contexts) all get the right answer")
    func concurrent() async throws {
        let fixture = try Fixture()
        let good = try fixture.issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 60)
        let parts = good.split(separator: ".")
        var signature = try Base64URL.decode(parts[2])
        signature[5] ^= 0x01
        let bad = parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)
        let verifier = fixture.verifier
        let results = await withTaskGroup(of: (Bool, Bool).self) { group in
            for index in 0..<200 {
                let token = index % 2 == 0 ? good : String(bad)
                group.addTask { (index % 2 == 0, (try? verifier.verify(token)) != nil) }
            }
            var collected = [(Bool, Bool)]()
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0.0 == $0.1 })
    }
}
