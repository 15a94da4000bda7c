import AgentryCore
import Foundation
import Identity
import Testing

/// The published JOSE examples in `../shared/corpus/jose` (see its README).
@Suite("JOSE vectors", .enabled(if: JOSECorpus.directory != nil, "../shared/corpus/jose is absent; skipped"))
struct JOSEVectorTests {
    static let everyAlgorithm = Set(JWSAlgorithm.allCases)

    @Test(
        "RFC 7515 A.2 RS256, A.3 ES256 and A.4 ES512 verify with their public JWKs",
        arguments: ["A.2", "A.3", "A.4"]
    )
    func rfc7515Verifies(section: String) throws {
        let example = try JOSECorpus.rfc7515(section)
        let key = try JOSECorpus.jwk(example["jwk_public"]).verificationKey()
        let jws = try CompactJWS(parsing: try #require(example["compact"].stringValue))
        try jws.verify(with: key, allowed: Self.everyAlgorithm)
        #expect(jws.signingInput == Data((example["signing_input"].stringValue ?? "").utf8))
    }

    @Test("RFC 7515 A.3 verifies under the default ES256-only allow-list")
    func es256Default() throws {
        let example = try JOSECorpus.rfc7515("A.3")
        let key = try JOSECorpus.jwk(example["jwk_public"]).verificationKey()
        try CompactJWS(parsing: try #require(example["compact"].stringValue)).verify(with: key, allowed: [.es256])
    }

    @Test("flipping any bit of the RFC 7515 A.3 token breaks it", arguments: [0, 1, 2])
    func tamper(part: Int) throws {
        let example = try JOSECorpus.rfc7515("A.3")
        let key = try JOSECorpus.jwk(example["jwk_public"]).verificationKey()
        var parts = try #require(example["compact"].stringValue).split(separator: ".").map(String.init)
        var bytes = try Base64URL.decode(parts[part])
        bytes[bytes.count / 2] ^= 0x04
        parts[part] = Base64URL.encode(bytes)
        #expect(throws: IdentityError.self) {
            try CompactJWS(parsing: parts.joined(separator: ".")).verify(with: key, allowed: Self.everyAlgorithm)
        }
    }

    @Test("RFC 7515 A.1 HS256 and A.5 alg none are always refused", arguments: ["A.1", "A.5"])
    func symmetricAndNone(section: String) throws {
        let example = try JOSECorpus.rfc7515(section)
        let compact = try #require(example["compact"].stringValue)
        #expect(throws: IdentityError.self) {
            _ = try CompactJWS(parsing: compact).algorithm(allowed: Self.everyAlgorithm)
        }
    }

    @Test("RFC 7515 A.3 passes a TokenVerifier up to its audience check, and expires on today's clock")
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

    @Test(
        "RFC 7520 4.1 RS256 and 4.3 ES512 compact examples verify",
        arguments: ["4_1.rsa_v15_signature.json", "4_3.ecdsa_signature.json"]
    )
    func cookbook(file: String) throws {
        let example = try JSONValue.parse(try JOSECorpus.data("rfc7520/jws/" + file))
        let key = try JOSECorpus.jwk(example["input"]["key"]).verificationKey()
        let jws = try CompactJWS(parsing: try #require(example["output"]["compact"].stringValue))
        #expect(jws.keyID == "bilbo.baggins@hobbiton.example")
        try jws.verify(with: key, allowed: Self.everyAlgorithm)
    }

    @Test(
        "RFC 7520 4.2 PS384 and 4.4 HS256 are refused as unsupported algorithms",
        arguments: ["4_2.rsa-pss_signature.json", "4_4.hmac-sha2_integrity_protection.json"]
    )
    func cookbookRefused(file: String) throws {
        let example = try JSONValue.parse(try JOSECorpus.data("rfc7520/jws/" + file))
        let jws = try CompactJWS(parsing: try #require(example["output"]["compact"].stringValue))
        #expect(throws: IdentityError.algorithmNotAllowed) { try jws.algorithm(allowed: Self.everyAlgorithm) }
    }

    @Test("RFC 8037 A.4 Ed25519 signature verifies and its thumbprint matches A.3")
    func ed25519() throws {
        let vectors = try JSONValue.parse(try JOSECorpus.data("rfc8037/rfc8037-appendix-a.json"))
        let jwk = try JOSECorpus.jwk(vectors["A.2_ed25519_public_jwk"])
        #expect(try jwk.thumbprint() == vectors["A.3_thumbprint"]["sha256_b64u"].stringValue)
        let jws = try CompactJWS(parsing: try #require(vectors["A.4_ed25519_signing"]["compact"].stringValue))
        try jws.verify(with: try jwk.verificationKey(), allowed: [.edDSA])
        #expect(throws: IdentityError.algorithmNotAllowed) {
            try jws.verify(with: try jwk.verificationKey(), allowed: [.es256])
        }
    }

    @Test("the public RFC key set parses into four usable verification keys")
    func publicKeySet() throws {
        let set = try JWKS.parse(try JOSECorpus.data("jwks-public-rfc-keys.json"))
        #expect(set.keys.count == 4)
        #expect(set.verificationKeys().count == 4)
        #expect(set.keys(withID: "rfc7515-a3-es256").count == 1)
    }
}

/// Locates and reads the JOSE corpus.
enum JOSECorpus {
    static let directory: URL? = {
        guard let shared = TestSupport.sharedDirectory() else { return nil }
        let url = shared.appendingPathComponent("corpus/jose")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static func data(_ path: String) throws -> Data {
        let base = try #require(directory)
        return try Data(contentsOf: base.appendingPathComponent(path))
    }

    static func rfc7515(_ section: String) throws -> JSONValue {
        let all = try JSONValue.parse(try data("rfc7515-appendix-a.json"))
        return try #require(all["examples"].arrayValue?.first { $0["section"].stringValue == section })
    }

    static func jwk(_ value: JSONValue) throws -> JWK {
        try JWK.parse(value.serialized())
    }
}
