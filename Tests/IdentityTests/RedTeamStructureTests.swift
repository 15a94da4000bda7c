import AgentryCore
import Foundation
import Testing

@testable import Identity

/// Attacks on the compact form itself: extra segments, whitespace, padding, wrong alphabets, size.
@Suite("Red team: token structure")
struct RedTeamStructureTests {
    @Test(
        "a valid token altered by trailing segments, whitespace, padding or prefixes is malformed",
        arguments: [
            "%@.", "%@.AAAA", "%@ ", " %@", "%@\n", "%@\t", "Bearer %@", "%@=", "%@==", "%@\u{0000}",
        ]
    )
    func decorated(template: String) throws {
        let fixture = try Fixture()
        let token = try fixture.issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 60)
        let decorated = template.replacingOccurrences(of: "%@", with: token)
        #expect(throws: IdentityError.self) { try fixture.verifier.verify(decorated) }
        #expect(try fixture.verifier.verify(token).subject == "u")
    }

    @Test("padding or the standard base64 alphabet inside a part is refused", arguments: [0, 1, 2])
    func alphabet(part: Int) throws {
        let fixture = try Fixture()
        let token = try fixture.issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 60)
        var parts = token.split(separator: ".").map(String.init)
        for variant in [parts[part] + "=", parts[part].replacingOccurrences(of: "-", with: "+") + "+/"] {
            parts[part] = variant
            #expect(throws: IdentityError.self) { try fixture.verifier.verify(parts.joined(separator: ".")) }
        }
    }

    @Test("tokens above 16 KiB are refused before decoding; a large one below the limit still verifies")
    func size() throws {
        let fixture = try Fixture()
        let big = try fixture.forge(payload: fixture.payload(["pad": .string(String(repeating: "x", count: 11_000))]))
        #expect(big.utf8.count < CompactJWS.maximumLength)
        #expect(try fixture.verifier.verify(big).subject == "user-A")
        let huge = try fixture.forge(payload: fixture.payload(["pad": .string(String(repeating: "x", count: 13_000))]))
        #expect(huge.utf8.count > CompactJWS.maximumLength)
        #expect(throws: IdentityError.tokenMalformed("token is too long")) { try fixture.verifier.verify(huge) }
    }

    @Test(
        "empty parts and missing signatures are malformed",
        arguments: ["..", "e30..", ".e30.AA", "e30.e30.", "e30.e30"]
    )
    func emptyParts(token: String) throws {
        let fixture = try Fixture()
        #expect(throws: IdentityError.self) { try fixture.verifier.verify(token) }
    }

    @Test("deeply nested claims are refused")
    func nesting() throws {
        let fixture = try Fixture()
        let deep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        let payload = #"{"iss":"https://agentry.example.test","aud":"api","exp":9999999999,"x":\#(deep)}"#
        #expect(throws: IdentityError.self) { try fixture.verifier.verify(try fixture.forge(payload: payload)) }
    }
}
