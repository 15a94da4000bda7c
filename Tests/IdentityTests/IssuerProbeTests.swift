import AgentryCore
import Foundation
import Identity
import Testing

/// PEER-FAULTS BUG-05: the issuer must match exactly, never by prefix, containment or normalisation.
@Suite("BUG-05 exact issuer match")
struct IssuerProbeTests {
    static let expected = "https://idp.example.test/realms/t1"

    static func setup() throws -> (SigningKey, TokenVerifier) {
        let key = try SigningKey.generate()
        let t1 = TrustedIssuer(issuer: expected, keys: .keys([key.verificationKey]), audiences: ["api"], tenantID: "t1")
        let t10 = TrustedIssuer(
            issuer: expected + "0",
            keys: .keys([key.verificationKey]),
            audiences: ["api"],
            tenantID: "t10"
        )
        return (key, TokenVerifier(issuers: [t1, t10], clock: TestSupport.clock()))
    }

    static func payload(iss: JSONValue?) -> String {
        var object: [String: JSONValue] = [
            "sub": "user-A", "aud": "api", "exp": .number(TestSupport.now.timeIntervalSince1970 + 600),
        ]
        object["iss"] = iss
        return JSONValue.object(object).serializedString()
    }

    @Test("only the exact issuer string is accepted, and it maps to its own tenant")
    func exact() throws {
        let (key, verifier) = try Self.setup()
        let token = try TestSupport.forge(
            header: #"{"alg":"ES256"}"#,
            payload: Self.payload(iss: .string(Self.expected)),
            key: key
        )
        #expect(try verifier.verify(token).tenantID == "t1")
    }

    @Test(
        "every near-miss issuer is refused with 401",
        arguments: [
            JSONValue.string("https"), .string("https://idp.example.test"), .string(""),
            .string("https://idp.example.test/realms/t1/"), .string("https://idp.example.test/realms/t"),
            .string("HTTPS://idp.example.test/realms/t1"), .string(" https://idp.example.test/realms/t1"),
            .array([.string("https://idp.example.test/realms/t1")]), .null, .number(1), nil,
        ]
    )
    func nearMisses(iss: JSONValue?) throws {
        let (key, verifier) = try Self.setup()
        let token = try TestSupport.forge(header: #"{"alg":"ES256"}"#, payload: Self.payload(iss: iss), key: key)
        do {
            let verified = try verifier.verify(token)
            Issue.record("accepted issuer for tenant \(verified.tenantID ?? "-")")
        } catch let error as IdentityError {
            #expect(error.status == 401)
            #expect(["identity.issuer_untrusted", "identity.claim_missing"].contains(error.code))
        }
    }

    @Test("t10's token never resolves to t1 (prefix confusion)")
    func t10() throws {
        let (key, verifier) = try Self.setup()
        let token = try TestSupport.forge(
            header: #"{"alg":"ES256"}"#,
            payload: Self.payload(iss: .string(Self.expected + "0")),
            key: key
        )
        #expect(try verifier.verify(token).tenantID == "t10")
    }

    @Test("a Unicode-equivalent but byte-different issuer is refused")
    func unicodeVariant() throws {
        let key = try SigningKey.generate()
        let composed = "https://idp.example.test/caf\u{E9}"
        let trusted = TrustedIssuer(issuer: composed, keys: .keys([key.verificationKey]), audiences: ["api"])
        let verifier = TokenVerifier(issuers: [trusted], clock: TestSupport.clock())
        let token = try TestSupport.forge(
            header: #"{"alg":"ES256"}"#,
            payload: Self.payload(iss: .string("https://idp.example.test/cafe\u{301}")),
            key: key
        )
        #expect(throws: IdentityError.issuerUntrusted) { try verifier.verify(token) }
    }
}
