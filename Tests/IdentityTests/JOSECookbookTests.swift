import AgentryCore
import Foundation
import Identity
import Testing

/// RFC 7520 section 4 (the JOSE Cookbook) and RFC 8037 appendix A.
@Suite(
    "JOSE vectors: RFC 7520 and RFC 8037",
    .enabled(if: JOSECorpus.directory != nil, "../shared/corpus/jose is absent; skipped")
)
struct JOSECookbookTests {
    static let everyAlgorithm = Set(JWSAlgorithm.allCases)
    static let asymmetric = ["4_1.rsa_v15_signature.json", "4_2.rsa-pss_signature.json", "4_3.ecdsa_signature.json"]
    static let symmetric = [
        "4_4.hmac-sha2_integrity_protection.json", "4_5.signature_with_detached_content.json",
    ]

    @Test(
        "4.1 RS256, 4.2 PS384 and 4.3 ES512 compact examples verify, and fail with any byte flipped",
        arguments: asymmetric
    )
    func cookbook(file: String) throws {
        let example = try JOSECorpus.json("rfc7520/jws/" + file)
        let key = try JOSECorpus.jwk(example["input"]["key"]).verificationKey()
        let compact = try #require(example["output"]["compact"].stringValue)
        let jws = try CompactJWS(parsing: compact)
        #expect(jws.keyID == "bilbo.baggins@hobbiton.example")
        #expect(jws.algorithmName == example["input"]["alg"].stringValue)
        try jws.verify(with: key, allowed: Self.everyAlgorithm)
        for part in 0..<3 {
            #expect(throws: IdentityError.self) {
                try CompactJWS(parsing: try JOSECorpus.flip(compact, part: part)).verify(
                    with: key,
                    allowed: Self.everyAlgorithm
                )
            }
        }
    }

    @Test(
        "the private keys of 4.1, 4.2 and 4.3 re-sign the signing input so that the public key verifies",
        arguments: asymmetric
    )
    func resign(file: String) throws {
        let example = try JOSECorpus.json("rfc7520/jws/" + file)
        let algorithm = try #require(JWSAlgorithm(rawValue: example["input"]["alg"].stringValue ?? ""))
        let key = try JOSECorpus.signingKey(example["input"]["key"], algorithm: algorithm)
        let input = Data(try #require(example["signing"]["sig-input"].stringValue).utf8)
        let signature = try key.sign(input)
        let verifier = try JOSECorpus.jwk(example["input"]["key"]).verificationKey()
        #expect(verifier.verify(signature: signature, signingInput: input, algorithm: algorithm))
        if algorithm == .rs256 {
            #expect(signature == (try Base64URL.decode(try #require(example["signing"]["sig"].stringValue))))
        }
    }

    @Test("RS and PS signatures with the same RSA key are not interchangeable")
    func pssIsNotPKCS1() throws {
        let example = try JOSECorpus.json("rfc7520/jws/4_2.rsa-pss_signature.json")
        let verifier = try JOSECorpus.jwk(example["input"]["key"]).verificationKey()
        let jws = try CompactJWS(parsing: try #require(example["output"]["compact"].stringValue))
        #expect(verifier.verify(signature: jws.signature, signingInput: jws.signingInput, algorithm: .ps384))
        #expect(!verifier.verify(signature: jws.signature, signingInput: jws.signingInput, algorithm: .rs384))
        #expect(!verifier.verify(signature: jws.signature, signingInput: jws.signingInput, algorithm: .ps256))
    }

    @Test("4.4 and 4.5 HS256 are refused as algorithms", arguments: symmetric)
    func cookbookRefused(file: String) throws {
        let example = try JOSECorpus.json("rfc7520/jws/" + file)
        let jws = try CompactJWS(parsing: try #require(example["output"]["compact"].stringValue))
        #expect(throws: IdentityError.algorithmNotAllowed) { try jws.algorithm(allowed: Self.everyAlgorithm) }
    }

    @Test("4.8 multiple signatures: the RS256 and ES512 members verify, the HS256 member is refused")
    func multipleSignatures() throws {
        let example = try JOSECorpus.json("rfc7520/jws/4_8.multiple_signatures.json")
        let keys = try #require(example["input"]["key"].arrayValue)
        let payload = try #require(example["output"]["json"]["payload"].stringValue)
        let members = try #require(example["output"]["json"]["signatures"].arrayValue)
        #expect(members.count == 3)
        var verified = 0
        for (index, member) in members.enumerated() {
            let protected = member["protected"].stringValue ?? ""
            let header =
                protected.isEmpty ? [:] : try JSONValue.parse(try Base64URL.decode(protected)).objectValue ?? [:]
            let name = header["alg"]?.stringValue ?? member["header"]["alg"].stringValue ?? ""
            let signature = try Base64URL.decode(try #require(member["signature"].stringValue))
            guard let algorithm = JWSAlgorithm(headerName: name) else {
                #expect(name == "HS256")
                continue
            }
            let key = try JOSECorpus.jwk(keys[index]).verificationKey()
            let input = Data((protected + "." + payload).utf8)
            #expect(key.verify(signature: signature, signingInput: input, algorithm: algorithm))
            var flipped = signature
            flipped[flipped.count / 2] ^= 0x01
            #expect(!key.verify(signature: flipped, signingInput: input, algorithm: algorithm))
            verified += 1
        }
        #expect(verified == 2)
    }

    @Test("RFC 8037 A.4: the Ed25519 private JWK re-signs byte for byte and A.5 verifies")
    func ed25519() throws {
        let vectors = try JOSECorpus.json("rfc8037/rfc8037-appendix-a.json")
        let key = try JOSECorpus.signingKey(vectors["A.1_ed25519_private_jwk"])
        #expect(key.algorithm == .edDSA)
        #expect(key.kid == vectors["A.3_thumbprint"]["sha256_b64u"].stringValue)
        let signing = vectors["A.4_ed25519_signing"]
        let compact = try CompactJWS.sign(
            header: [:],
            payload: Data(try #require(signing["payload_utf8"].stringValue).utf8),
            with: key
        )
        #expect(compact == signing["compact"].stringValue)
        let jwk = try JOSECorpus.jwk(vectors["A.2_ed25519_public_jwk"])
        #expect(try jwk.thumbprint() == vectors["A.3_thumbprint"]["sha256_b64u"].stringValue)
        let jws = try CompactJWS(parsing: try #require(vectors["A.5_ed25519_validation"]["compact"].stringValue))
        try jws.verify(with: try jwk.verificationKey(), allowed: [.edDSA])
        #expect(throws: IdentityError.algorithmNotAllowed) {
            try jws.verify(with: try jwk.verificationKey(), allowed: [.es256])
        }
        #expect(throws: IdentityError.self) {
            try CompactJWS(parsing: try JOSECorpus.flip(compact, part: 2)).verify(
                with: try jwk.verificationKey(),
                allowed: [.edDSA]
            )
        }
    }

    @Test("RFC 8037: the fully specified name Ed25519 is accepted as EdDSA for an Ed25519 key")
    func ed25519Alias() throws {
        let vectors = try JOSECorpus.json("rfc8037/rfc8037-appendix-a.json")
        let key = try JOSECorpus.signingKey(vectors["A.1_ed25519_private_jwk"])
        let input = Base64URL.encode(Data(#"{"alg":"Ed25519"}"#.utf8)) + "." + Base64URL.encode(Data("hi".utf8))
        let compact = input + "." + Base64URL.encode(try key.sign(Data(input.utf8)))
        let jws = try CompactJWS(parsing: compact)
        #expect(try jws.algorithm(allowed: [.edDSA]) == .edDSA)
        try jws.verify(with: key.verificationKey, allowed: [.edDSA])
        var pinned = key.publicJWK
        pinned.alg = "Ed25519"
        try jws.verify(with: try pinned.verificationKey(), allowed: [.edDSA])
    }

    @Test("the cookbook copy of RFC 8037 A.4 verifies with its key")
    func cookbookEd25519() throws {
        let example = try JOSECorpus.json("rfc8037/cookbook-ed25519-jws.json")
        let key = try JOSECorpus.jwk(example["input"]["key"]).verificationKey()
        try CompactJWS(parsing: try #require(example["output"]["compact"].stringValue)).verify(
            with: key,
            allowed: [.edDSA]
        )
    }

    @Test("RFC 7797 b64:false examples are refused as unsupported headers, even without crit")
    func unencodedPayload() throws {
        let example = try JOSECorpus.json("rfc7797/4.2.hmac-sha2_b64_false.json")
        let flat = example["output"]["json_flat"]
        let compact = [
            try #require(flat["protected"].stringValue),
            Base64URL.encode(Data(try #require(flat["payload"].stringValue).utf8)),
            try #require(flat["signature"].stringValue),
        ].joined(separator: ".")
        #expect(throws: IdentityError.headerUnsupported) { _ = try CompactJWS(parsing: compact) }
    }
}
