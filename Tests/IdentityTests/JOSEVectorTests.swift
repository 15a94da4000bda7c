import AgentryCore
import Foundation
import Identity
import Testing

/// RFC 7515 appendix A and the RFC 7638 thumbprint example.
@Suite("JOSE vectors: RFC 7515", .enabled(if: JOSECorpus.directory != nil, "../shared/corpus/jose is absent; skipped"))
struct JOSEVectorTests {
    static let everyAlgorithm = Set(JWSAlgorithm.allCases)

    @Test("A.2 RS256, A.3 ES256 and A.4 ES512 verify with their public JWKs", arguments: ["A.2", "A.3", "A.4"])
    func verifies(section: String) throws {
        let example = try JOSECorpus.rfc7515(section)
        let key = try JOSECorpus.jwk(example["jwk_public"]).verificationKey()
        let jws = try CompactJWS(parsing: try #require(example["compact"].stringValue))
        try jws.verify(with: key, allowed: Self.everyAlgorithm)
        #expect(jws.signingInput == Data((example["signing_input"].stringValue ?? "").utf8))
        #expect(jws.algorithmName == example["alg"].stringValue)
    }

    @Test(
        "flipping a byte of header, payload or signature of A.2, A.3 or A.4 breaks it",
        arguments: ["A.2", "A.3", "A.4"]
    )
    func tamper(section: String) throws {
        let example = try JOSECorpus.rfc7515(section)
        let key = try JOSECorpus.jwk(example["jwk_public"]).verificationKey()
        let compact = try #require(example["compact"].stringValue)
        for part in 0..<3 {
            let forged = try JOSECorpus.flip(compact, part: part)
            #expect(throws: IdentityError.self) {
                try CompactJWS(parsing: forged).verify(with: key, allowed: Self.everyAlgorithm)
            }
        }
    }

    @Test("re-signing A.2 with its private JWK gives the published RS256 signature byte for byte")
    func rs256Deterministic() throws {
        let example = try JOSECorpus.rfc7515("A.2")
        let key = try JOSECorpus.signingKey(example["jwk_private"], algorithm: .rs256)
        let input = Data(try #require(example["signing_input"].stringValue).utf8)
        let expected = try Base64URL.decode(try #require(example["signature_b64u"].stringValue))
        #expect(try key.sign(input) == expected)
    }

    @Test(
        "A.3 and A.4 private JWKs import, sign fresh ECDSA signatures their public JWKs verify",
        arguments: ["A.3", "A.4"]
    )
    func ecdsaResign(section: String) throws {
        let example = try JOSECorpus.rfc7515(section)
        let key = try JOSECorpus.signingKey(example["jwk_private"])
        let input = Data(try #require(example["signing_input"].stringValue).utf8)
        let signature = try key.sign(input)
        let published = try Base64URL.decode(try #require(example["signature_b64u"].stringValue))
        #expect(signature.count == published.count)
        let verifier = try JOSECorpus.jwk(example["jwk_public"]).verificationKey()
        #expect(verifier.verify(signature: signature, signingInput: input, algorithm: key.algorithm))
        #expect(key.algorithm.rawValue == example["alg"].stringValue)
    }

    @Test("A.1 HS256 and A.5 alg none are refused under every algorithm", arguments: ["A.1", "A.5"])
    func symmetricAndNone(section: String) throws {
        let example = try JOSECorpus.rfc7515(section)
        let compact = try #require(example["compact"].stringValue)
        #expect(throws: IdentityError.self) {
            _ = try CompactJWS(parsing: compact).algorithm(allowed: Self.everyAlgorithm)
        }
    }

    @Test("A.3 passes a TokenVerifier up to its audience check, and expires on today's clock")
    func verifierOnVector() throws {
        let example = try JOSECorpus.rfc7515("A.3")
        let compact = try #require(example["compact"].stringValue)
        let set = try JWKS.parse(try JOSECorpus.data("jwks-public-rfc-keys.json"))
        let trusted = TrustedIssuer(issuer: "joe", keys: .jwks(set), audiences: ["api"])
        let then = TokenVerifier(issuers: [trusted], clock: { Date(timeIntervalSince1970: 1_300_819_000) })
        #expect(throws: IdentityError.audienceMismatch) { try then.verify(compact) }
        let today = TokenVerifier(issuers: [trusted], clock: TestSupport.clock())
        #expect(throws: IdentityError.tokenExpired) { try today.verify(compact) }
    }

    @Test("the public RFC key set parses into four usable verification keys")
    func publicKeySet() throws {
        let set = try JWKS.parse(try JOSECorpus.data("jwks-public-rfc-keys.json"))
        #expect(set.keys.count == 4)
        #expect(set.verificationKeys().count == 4)
        #expect(set.keys(withID: "rfc7515-a3-es256").count == 1)
    }

    @Test(
        "each private JWK's public members give the same thumbprint as its public JWK",
        arguments: ["A.2", "A.3", "A.4"]
    )
    func thumbprints(section: String) throws {
        let example = try JOSECorpus.rfc7515(section)
        let key = try JOSECorpus.signingKey(example["jwk_private"])
        #expect(key.kid == (try JOSECorpus.jwk(example["jwk_public"]).thumbprint()))
    }
}

@Suite("RFC 7638 thumbprints")
struct ThumbprintTests {
    @Test("RFC 7638 §3.1 example RSA key")
    func rfc7638() throws {
        let n = [
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWK",
            "RXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMic",
            "AtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3",
            "XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
        ].joined()
        let jwk = JWK(kty: "RSA", n: n, e: "AQAB", kid: "2011-04-29", alg: "RS256")
        #expect(try jwk.thumbprint() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    }

    @Test("optional members (kid, alg, use, key_ops) do not change a thumbprint")
    func optionalMembers() throws {
        let key = try SigningKey.generate(.edDSA)
        var bare = key.publicJWK
        bare.kid = nil
        bare.alg = nil
        bare.use = nil
        #expect(try bare.thumbprint() == key.kid)
    }

    @Test("a JWK missing a required member, or of an unknown type, has no thumbprint")
    func incomplete() {
        #expect(throws: IdentityError.self) { try JWK(kty: "EC", crv: "P-256", x: "AA").thumbprint() }
        #expect(throws: IdentityError.self) { try JWK(kty: "oct").thumbprint() }
    }
}
