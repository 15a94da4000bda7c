import AgentryCore
import Foundation
import Testing

@testable import Identity

@Suite("SigningKey across key types")
struct SigningKeyAlgorithmTests {
    static let signable: [JWSAlgorithm] = [.es256, .es384, .es512, .rs256, .ps256, .ps384, .ps512, .edDSA]

    @Test("every algorithm signs what its own public JWK verifies, and nothing else", arguments: signable)
    func roundTrip(algorithm: JWSAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let message = Data("message".utf8)
        let signature = try key.sign(message)
        let verifier = try key.publicJWK.verificationKey()
        #expect(key.algorithm == algorithm && key.publicJWK.alg == algorithm.rawValue)
        #expect(verifier.verify(signature: signature, signingInput: message, algorithm: algorithm))
        #expect(!verifier.verify(signature: signature, signingInput: Data("messagf".utf8), algorithm: algorithm))
        for other in JWSAlgorithm.allCases where other != algorithm {
            #expect(!verifier.verify(signature: signature, signingInput: message, algorithm: other))
        }
    }

    @Test(
        "ECDSA signatures are raw r||s of exactly twice the coordinate size",
        arguments: [
            (JWSAlgorithm.es256, 64), (.es384, 96), (.es512, 132),
        ]
    )
    func ecdsaWidth(algorithm: JWSAlgorithm, width: Int) throws {
        let key = try SigningKey.generate(algorithm)
        for _ in 0..<8 { #expect(try key.sign(Data("m".utf8)).count == width) }
    }

    @Test("PKCS#8 PEM round-trips every key type with the same kid", arguments: signable)
    func pem(algorithm: JWSAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let pem = try key.pkcs8PEM()
        #expect(String(decoding: pem, as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let loaded = try SigningKey(pem: pem, algorithm: algorithm)
        #expect(loaded.kid == key.kid && loaded.algorithm == algorithm)
        let signature = try loaded.sign(Data("x".utf8))
        #expect(key.verificationKey.verify(signature: signature, signingInput: Data("x".utf8), algorithm: algorithm))
    }

    @Test("a PEM without an algorithm takes the key type's default")
    func defaults() throws {
        let cases: [(JWSAlgorithm, JWSAlgorithm)] = [(.es384, .es384), (.ps256, .rs256), (.edDSA, .edDSA)]
        for (generated, expected) in cases {
            #expect(try SigningKey(pem: try SigningKey.generate(generated).pkcs8PEM()).algorithm == expected)
        }
    }

    @Test("a key refuses an algorithm of another type or curve")
    func binding() throws {
        let ec = try SigningKey.generate(.es256).pkcs8PEM()
        let rsa = try SigningKey.generate(.rs256).pkcs8PEM()
        let ed = try SigningKey.generate(.edDSA).pkcs8PEM()
        for (pem, wrong) in [(ec, JWSAlgorithm.es384), (ec, .rs256), (rsa, .es256), (rsa, .edDSA), (ed, .es256)] {
            #expect(throws: IdentityError.self) { try SigningKey(pem: pem, algorithm: wrong) }
        }
    }

    @Test("RSA keys under 2048 bits are refused for signing and for verification")
    func shortRSA() throws {
        #expect(throws: IdentityError.self) { try SigningKey.generate(.rs256, rsaBits: 1024) }
        let short = try EVPKey.generateRSA(bits: 1024)
        #expect(throws: IdentityError.self) { try SigningKey(pem: try short.privateKeyPEM()) }
        let n = Base64URL.encode(try short.bigNumber("n"))
        let e = Base64URL.encode(try short.bigNumber("e"))
        #expect(throws: IdentityError.self) { try JWK(kty: "RSA", n: n, e: e).verificationKey() }
    }

    @Test("a JWK pinned to PS256 does not verify RS256 and vice versa")
    func pssPinning() throws {
        let key = try SigningKey.generate(.ps256)
        let message = Data("m".utf8)
        let pss = try key.sign(message)
        var unpinned = key.publicJWK
        unpinned.alg = nil
        let open = try unpinned.verificationKey()
        #expect(open.verify(signature: pss, signingInput: message, algorithm: .ps256))
        #expect(!open.verify(signature: pss, signingInput: message, algorithm: .rs256))
        #expect(!key.verificationKey.supports(.rs256) && key.verificationKey.supports(.ps256))
    }

    @Test("a private JWK whose public members contradict its private key is refused")
    func inconsistentPrivateJWK() throws {
        let a = try SigningKey.generate(.edDSA)
        let b = try SigningKey.generate(.edDSA)
        let seed = try Base64URL.encode(a.key.rawPrivateKey())
        let json = #"{"kty":"OKP","crv":"Ed25519","d":"\#(seed)","x":"\#(b.publicJWK.x ?? "")"}"#
        #expect(throws: IdentityError.self) { try SigningKey(privateJWK: Data(json.utf8)) }
        let good = #"{"kty":"OKP","crv":"Ed25519","d":"\#(seed)","x":"\#(a.publicJWK.x ?? "")"}"#
        #expect(try SigningKey(privateJWK: Data(good.utf8)).kid == a.kid)
    }
}
