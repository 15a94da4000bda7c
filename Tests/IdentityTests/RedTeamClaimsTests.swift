import AgentryCore
import Foundation
import Testing

@testable import Identity

/// Attacks through the registered claims: issuer, audience, lifetime and clock skew.
@Suite("Red team: claims")
struct RedTeamClaimsTests {
    static let now = TestSupport.now.timeIntervalSince1970

    @Test(
        "a missing or foreign iss is refused",
        arguments: [
            (nil, IdentityError.claimMissing("iss")), ("https://evil.example.test", .issuerUntrusted),
            ("https://agentry.example.test/", .issuerUntrusted), ("HTTPS://agentry.example.test", .issuerUntrusted),
        ] as [(String?, IdentityError)]
    )
    func issuer(iss: String?, error: IdentityError) throws {
        let fixture = try Fixture()
        let payload = iss.map { fixture.payload(["iss": .string($0)]) } ?? fixture.payload(removing: ["iss"])
        #expect(throws: error) { try fixture.verifier.verify(try fixture.forge(payload: payload)) }
    }

    @Test(
        "a missing, foreign or wrongly typed aud is refused",
        arguments: [
            nil, JSONValue.string("admin"), .array([]), .array(["other", "admin"]), .string("API"), .number(1),
        ]
    )
    func audience(aud: JSONValue?) throws {
        let fixture = try Fixture()
        let payload = aud.map { fixture.payload(["aud": $0]) } ?? fixture.payload(removing: ["aud"])
        #expect(throws: IdentityError.self) { try fixture.verifier.verify(try fixture.forge(payload: payload)) }
    }

    @Test(
        "exp missing, as a string, boolean, or absurdly large is refused",
        arguments: [
            nil, JSONValue.string("9999999999"), .bool(true), .number(1e20), .number(-1e20), .array([]),
        ]
    )
    func badExp(exp: JSONValue?) throws {
        let fixture = try Fixture()
        let payload = exp.map { fixture.payload(["exp": $0]) } ?? fixture.payload(removing: ["exp"])
        #expect(throws: IdentityError.self) { try fixture.verifier.verify(try fixture.forge(payload: payload)) }
    }

    @Test("a fractional exp is a NumericDate: accepted in the future, refused in the past")
    func fractionalExp() throws {
        let fixture = try Fixture()
        let future = try fixture.forge(payload: fixture.payload(["exp": .number(Self.now + 30.5)]))
        #expect(try fixture.verifier.verify(future).expiresAt.timeIntervalSince1970 == Self.now + 30.5)
        let past = try fixture.forge(payload: fixture.payload(["exp": .number(Self.now - 60.5)]))
        #expect(throws: IdentityError.tokenExpired) { try fixture.verifier.verify(past) }
    }

    @Test("nbf and iat in the future beyond the skew are refused; within it they pass", arguments: ["nbf", "iat"])
    func future(claim: String) throws {
        let fixture = try Fixture()
        let near = try fixture.forge(payload: fixture.payload([claim: .number(Self.now + 59)]))
        #expect(try fixture.verifier.verify(near).subject == "user-A")
        for offset in [61.0, 3600, 31_536_000] as [Double] {
            let far = try fixture.forge(payload: fixture.payload([claim: .number(Self.now + offset)]))
            #expect(throws: IdentityError.tokenNotYetValid) { try fixture.verifier.verify(far) }
        }
    }

    @Test("a configured clock skew above five minutes is clamped to five minutes")
    func skewClamp() throws {
        let key = try SigningKey.generate()
        let issuer = TokenIssuer(issuer: Fixture.issuerName, signingKey: key, clock: TestSupport.clock())
        let lenient = TokenVerifier(
            issuers: [issuer.trusted(audiences: ["api"])],
            clockSkew: 86_400,
            clock: TestSupport.clock(60 + 299)
        )
        #expect(lenient.clockSkew == TokenVerifier.maximumClockSkew)
        let token = try issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 60)
        #expect(try lenient.verify(token).subject == "u")
        let later = TokenVerifier(
            issuers: [issuer.trusted(audiences: ["api"])],
            clockSkew: 86_400,
            clock: TestSupport.clock(60 + 301)
        )
        #expect(throws: IdentityError.tokenExpired) { try later.verify(token) }
        let negative = TokenVerifier(issuers: [issuer.trusted(audiences: ["api"])], clockSkew: -5)
        #expect(negative.clockSkew == 0)
        #expect(TokenVerifier(issuers: [], clockSkew: .infinity).clockSkew == 0)
    }
}
