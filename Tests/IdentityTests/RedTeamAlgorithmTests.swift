import AgentryCore
import Foundation
import Testing

@testable import Identity

/// Attacks on the algorithm: `none`, HMAC with a public key, cross-type and cross-padding confusion, and the
/// ECDSA "psychic signature" (CVE-2022-21449). Each would succeed against a verifier that trusts the header.
@Suite("Red team: algorithms")
struct RedTeamAlgorithmTests {
    static let all = Set(JWSAlgorithm.allCases)

    @Test("alg none is refused in every spelling, signed or not", arguments: ["none", "None", "NONE", "nOnE"])
    func none(alg: String) throws {
        let fixture = try Fixture()
        let header = Base64URL.encode(Data(#"{"alg":"\#(alg)","typ":"JWT"}"#.utf8))
        let body = Base64URL.encode(Data(fixture.payload().utf8))
        let open = RedTeam.verifier(for: fixture.key)
        #expect(throws: IdentityError.self) { try open.verify(header + "." + body + ".") }
        #expect(throws: IdentityError.algorithmNotAllowed) { try open.verify(header + "." + body + ".AAAA") }
    }

    @Test("an RS256 issuer's public key PEM used as an HS256 secret is refused: there is no HMAC at all")
    func rsaHMACConfusion() throws {
        let key = try SigningKey.generate(.rs256)
        let fixture = try Fixture()
        let verifier = RedTeam.verifier(for: key)
        let genuine = try RedTeam.sign(header: #"{"alg":"RS256"}"#, payload: fixture.payload(), key: key)
        #expect(try verifier.verify(genuine).algorithm == .rs256)
        let secrets = [
            try key.key.publicKeyPEM(), try JSONEncoder().encode(key.publicJWK),
            try Base64URL.decode(key.publicJWK.n ?? ""),
        ]
        for secret in secrets {
            let forged = try RedTeam.hs256(header: #"{"alg":"HS256"}"#, payload: fixture.payload(), secret: secret)
            #expect(throws: IdentityError.algorithmNotAllowed) { try verifier.verify(forged) }
        }
        #expect(JWSAlgorithm(headerName: "HS256") == nil && JWSAlgorithm(headerName: "HS512") == nil)
    }

    @Test("an RS256 signature relabelled PS256 (and the reverse) does not verify")
    func pkcs1VersusPSS() throws {
        let fixture = try Fixture()
        for (signed, claimed) in [(JWSAlgorithm.rs256, JWSAlgorithm.ps256), (.ps256, .rs256)] {
            let key = try SigningKey.generate(signed)
            var jwk = key.publicJWK
            jwk.alg = nil
            let verifier = RedTeam.verifier(for: key, source: .keys([try jwk.verificationKey()]))
            let input =
                Base64URL.encode(Data(#"{"alg":"\#(claimed.rawValue)"}"#.utf8)) + "."
                + Base64URL.encode(Data(fixture.payload().utf8))
            let token = input + "." + Base64URL.encode(try key.sign(Data(input.utf8)))
            #expect(throws: IdentityError.signatureInvalid) { try verifier.verify(token) }
        }
    }

    @Test("a header alg of another key type finds no key: RSA never verifies ES*, EC never RS*, Ed25519 never ES*")
    func crossType() throws {
        let fixture = try Fixture()
        let pairs: [(JWSAlgorithm, String)] = [
            (.rs256, "ES256"), (.es256, "RS256"), (.es256, "ES384"), (.es256, "Ed25519"), (.edDSA, "ES256"),
        ]
        for (keyAlgorithm, claimed) in pairs {
            let key = try SigningKey.generate(keyAlgorithm)
            let token = try RedTeam.sign(
                header: #"{"alg":"\#(claimed)","kid":"\#(key.kid)"}"#,
                payload: fixture.payload(),
                key: key
            )
            #expect(throws: IdentityError.keyNotFound) { try RedTeam.verifier(for: key).verify(token) }
        }
    }

    @Test(
        "ECDSA signatures with r or s zero or out of range are refused (CVE-2022-21449)",
        arguments: [
            JWSAlgorithm.es256, .es384, .es512,
        ]
    )
    func psychicSignature(algorithm: JWSAlgorithm) throws {
        let fixture = try Fixture()
        let key = try SigningKey.generate(algorithm)
        let curve = try #require(algorithm.curve)
        let size = curve.coordinateSize
        let zero = Data(count: size)
        let one = Data(count: size - 1) + Data([1])
        let order = Data(curve.order)
        let input =
            Base64URL.encode(Data(#"{"alg":"\#(algorithm.rawValue)"}"#.utf8)) + "."
            + Base64URL.encode(Data(fixture.payload().utf8))
        let verifier = RedTeam.verifier(for: key)
        for signature in [zero + zero, zero + one, one + zero, order + one, one + order] {
            #expect(throws: IdentityError.signatureInvalid) {
                try verifier.verify(input + "." + Base64URL.encode(signature))
            }
        }
        let genuine = try key.sign(Data(input.utf8))
        let der = try #require(ECDSASignature.der(fromRaw: genuine, curve: curve))
        #expect(throws: IdentityError.signatureInvalid) { try verifier.verify(input + "." + Base64URL.encode(der)) }
        #expect(try verifier.verify(input + "." + Base64URL.encode(genuine)).algorithm == algorithm)
    }

    @Test("an allow-list of every algorithm still contains no symmetric or unsigned one")
    func allowListIsAsymmetric() {
        #expect(
            Self.all.allSatisfy {
                $0.rawValue.hasPrefix("ES") || $0.rawValue.hasPrefix("RS") || $0.rawValue.hasPrefix("PS")
                    || $0 == .edDSA
            }
        )
    }
}
