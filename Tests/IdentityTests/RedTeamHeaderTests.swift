import AgentryCore
import Foundation
import Testing

@testable import Identity

/// Attacks through the protected header: hostile `kid` values, keys named in the token, `crit`, `b64`, `typ`, and
/// duplicate members.
@Suite("Red team: header")
struct RedTeamHeaderTests {
    static let hostileKids = [
        "../../../../etc/passwd", "..\\..\\keys\\platform", "'; DROP TABLE keys; --", "\" OR \"1\"=\"1",
        "%2e%2e%2fkeys", "file:///etc/shadow", "\u{202E}gnp.exe", "kid\u{FEFF}",
    ]

    @Test("hostile kid values are just unknown keys", arguments: hostileKids)
    func hostileKid(kid: String) throws {
        let fixture = try Fixture()
        let recorder = RecordingKeySource([fixture.key.verificationKey])
        let verifier = RedTeam.verifier(for: fixture.key, source: recorder.source)
        let header = JSONValue.object(["alg": "ES256", "kid": .string(kid)]).serializedString()
        let token = try fixture.forge(header: header, payload: fixture.payload())
        #expect(throws: IdentityError.keyNotFound) { try verifier.verify(token) }
        #expect(recorder.lookups == [kid])
    }

    @Test(
        "a kid with a NUL or control character, empty, or too long never reaches the key source",
        arguments: [
            "a\u{0000}b", "line\nbreak", "", String(repeating: "k", count: 257), String(repeating: "é", count: 200),
        ]
    )
    func implausibleKid(kid: String) throws {
        let fixture = try Fixture()
        let recorder = RecordingKeySource([fixture.key.verificationKey])
        let verifier = RedTeam.verifier(for: fixture.key, source: recorder.source)
        let header = JSONValue.object(["alg": "ES256", "kid": .string(kid)]).serializedString()
        let token = try fixture.forge(header: header, payload: fixture.payload())
        #expect(throws: IdentityError.keyNotFound) { try verifier.verify(token) }
        #expect(recorder.lookups.isEmpty)
    }

    @Test(
        "a kid that is not a string is malformed, not a wildcard over every key",
        arguments: ["1", "null", "[]", "{}"]
    )
    func nonStringKid(value: String) throws {
        let fixture = try Fixture()
        let token = try fixture.forge(header: #"{"alg":"ES256","kid":\#(value)}"#, payload: fixture.payload())
        #expect(throws: IdentityError.tokenMalformed("header `kid` is not a string")) {
            try fixture.verifier.verify(token)
        }
    }

    @Test(
        "a key named in the header (jwk, jku, x5u, x5c) is ignored, even under the genuine kid",
        arguments: [
            "jwk", "jku", "x5u", "x5c",
        ]
    )
    func embeddedKeys(parameter: String) throws {
        let fixture = try Fixture()
        let attacker = try SigningKey.generate()
        let jwk = String(decoding: try JSONEncoder().encode(attacker.publicJWK), as: UTF8.self)
        let values = [
            "jwk": jwk, "jku": #""http://127.0.0.1:1/jwks""#, "x5u": #""http://127.0.0.1:1/cert""#, "x5c": #"["MIIB"]"#,
        ]
        let value = values[parameter] ?? "null"
        for kid in [attacker.kid, fixture.key.kid] {
            let header = #"{"alg":"ES256","kid":"\#(kid)","\#(parameter)":\#(value)}"#
            let token = try RedTeam.sign(header: header, payload: fixture.payload(), key: attacker)
            #expect(throws: IdentityError.self) { try fixture.verifier.verify(token) }
        }
        let genuine = try fixture.forge(
            header: #"{"alg":"ES256","\#(parameter)":\#(value)}"#,
            payload: fixture.payload()
        )
        #expect(try fixture.verifier.verify(genuine).subject == "user-A")
    }

    @Test(
        "crit naming an unknown extension, a registered name, or nothing is refused",
        arguments: [
            #"["http://example.test/ext"]"#, #"["exp"]"#, "[]", #"["b64"]"#, #""b64""#,
        ]
    )
    func crit(value: String) throws {
        let fixture = try Fixture()
        let token = try fixture.forge(
            header: #"{"alg":"ES256","crit":\#(value),"http://example.test/ext":1}"#,
            payload: fixture.payload()
        )
        #expect(throws: IdentityError.headerUnsupported) { try fixture.verifier.verify(token) }
    }

    @Test(
        "b64:false is refused with or without crit (unencoded payloads are unsupported)",
        arguments: [
            #"{"alg":"ES256","b64":false,"crit":["b64"]}"#, #"{"alg":"ES256","b64":false}"#,
            #"{"alg":"ES256","b64":true}"#,
        ]
    )
    func unencodedPayload(header: String) throws {
        let fixture = try Fixture()
        let token = try fixture.forge(header: header, payload: fixture.payload())
        #expect(throws: IdentityError.headerUnsupported) { try fixture.verifier.verify(token) }
    }

    @Test(
        "typ must be absent, JWT or at+jwt",
        arguments: [
            (#""JWT""#, true), (#""at+JWT""#, true), (#""application/jwt""#, true), (#""JOSE""#, false),
            (#""JOSE+JSON""#, false), (#""JWT ""#, false), ("5", false), ("null", false), (#""dpop+jwt""#, false),
        ]
    )
    func typ(value: String, accepted: Bool) throws {
        let fixture = try Fixture()
        let token = try fixture.forge(header: #"{"alg":"ES256","typ":\#(value)}"#, payload: fixture.payload())
        if accepted {
            #expect(try fixture.verifier.verify(token).subject == "user-A")
        } else {
            #expect(throws: IdentityError.typeUnsupported) { try fixture.verifier.verify(token) }
        }
    }

    @Test(
        "duplicate members in the header or payload are refused, however escaped",
        arguments: [
            (#"{"alg":"ES256","alg":"none"}"#, nil), (#"{"alg":"ES256","\u0061lg":"ES256"}"#, nil),
            (#"{"alg":"ES256","kid":"a","kid":"b"}"#, nil),
            (
                #"{"alg":"ES256"}"#,
                #"{"iss":"https://agentry.example.test","aud":"api","aud":"admin","exp":9999999999}"#
            ),
            (#"{"alg":"ES256"}"#, #"{"iss":"https://agentry.example.test","aud":"api","exp":1,"\u0065xp":9999999999}"#),
            (
                #"{"alg":"ES256"}"#,
                #"{"iss":"https://agentry.example.test","aud":"api","exp":9999999999,"sub":"a","sub":"b"}"#
            ),
        ] as [(String, String?)]
    )
    func duplicates(header: String, payload: String?) throws {
        let fixture = try Fixture()
        let token = try fixture.forge(header: header, payload: payload ?? fixture.payload())
        #expect(throws: IdentityError.self) { try fixture.verifier.verify(token) }
        #expect((try? CompactJWS(parsing: token).payloadObject()) == nil)
    }
}
