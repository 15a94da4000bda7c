import AgentryCore
import Foundation
import Testing

@testable import Identity

@Suite("SigningKey and ECDSA encoding")
struct SigningKeyTests {
    @Test("signs 64-byte r||s signatures that its public JWK verifies")
    func signVerify() throws {
        let key = try SigningKey.generate()
        let message = Data("hello".utf8)
        let signature = try key.sign(message)
        #expect(signature.count == 64)
        let verifier = try key.publicJWK.verificationKey()
        #expect(verifier.verify(signature: signature, signingInput: message, algorithm: .es256))
        #expect(!verifier.verify(signature: signature, signingInput: Data("hellp".utf8), algorithm: .es256))
    }

    @Test("publishes an RFC 7517 JWK whose kid is its RFC 7638 thumbprint")
    func publicJWK() throws {
        let key = try SigningKey.generate()
        let jwk = key.publicJWK
        #expect(jwk.kty == "EC" && jwk.crv == "P-256" && jwk.alg == "ES256" && jwk.use == "sig")
        #expect(try Base64URL.decode(jwk.x ?? "").count == 32)
        #expect(try Base64URL.decode(jwk.y ?? "").count == 32)
        let canonical = #"{"crv":"P-256","kty":"EC","x":"\#(jwk.x ?? "")","y":"\#(jwk.y ?? "")"}"#
        let expected = Base64URL.encode(try Digest.sha256(of: Data(canonical.utf8)))
        #expect(key.kid == expected && jwk.kid == expected)
    }

    @Test("reloads from PKCS#8 PEM with the same kid")
    func pemRoundTrip() throws {
        let key = try SigningKey.generate()
        let pem = try key.pkcs8PEM()
        #expect(String(decoding: pem, as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let loaded = try SigningKey(pem: pem)
        #expect(loaded.kid == key.kid)
        let signature = try loaded.sign(Data("x".utf8))
        #expect(key.verificationKey.verify(signature: signature, signingInput: Data("x".utf8), algorithm: .es256))
    }

    @Test("refuses garbage PEM")
    func badPEM() {
        #expect(throws: IdentityError.self) { try SigningKey(pemString: "-----BEGIN PRIVATE KEY-----\nAAAA\n") }
    }

    @Test("refuses r = s = 0 and r or s at or above the group order (CVE-2022-21449)")
    func psychicSignatures() throws {
        let key = try SigningKey.generate()
        let verifier = key.verificationKey
        let message = Data("m".utf8)
        let order = Data(ECCurve.p256.order)
        let one = Data(repeating: 0, count: 31) + Data([1])
        let cases = [
            Data(count: 64), order + one, one + order, Data(repeating: 0xFF, count: 64), one + Data(count: 32),
        ]
        for signature in cases {
            #expect(!verifier.verify(signature: signature, signingInput: message, algorithm: .es256))
            #expect(ECDSASignature.der(fromRaw: signature, curve: .p256) == nil)
        }
    }

    @Test("refuses DER-encoded and wrong-length signatures")
    func derInput() throws {
        let key = try SigningKey.generate()
        let message = Data("m".utf8)
        let raw = try key.sign(message)
        let der = try #require(ECDSASignature.der(fromRaw: raw, curve: .p256))
        #expect(!key.verificationKey.verify(signature: der, signingInput: message, algorithm: .es256))
        #expect(!key.verificationKey.verify(signature: raw.dropLast(), signingInput: message, algorithm: .es256))
        #expect(ECDSASignature.raw(fromDER: der, curve: .p256) == raw)
    }

    @Test("converts high-bit and short integers between raw and DER both ways")
    func derConversion() throws {
        let r = Data([0x80] + [UInt8](repeating: 1, count: 31))
        let s = Data([UInt8](repeating: 0, count: 30) + [0x00, 0x05])
        let der = try #require(ECDSASignature.der(fromRaw: r + s, curve: .p256))
        #expect(der.starts(with: [0x30, 0x26, 0x02, 0x21, 0x00, 0x80]))
        #expect(der.suffix(3) == Data([0x02, 0x01, 0x05]))
        #expect(ECDSASignature.raw(fromDER: der, curve: .p256) == r + s)
        #expect(ECDSASignature.raw(fromDER: der + Data([0]), curve: .p256) == nil)
    }

    @Test("a JWK whose point is not on the curve is refused")
    func offCurve() throws {
        let key = try SigningKey.generate()
        var jwk = key.publicJWK
        var y = try Base64URL.decode(jwk.y ?? "")
        y[31] ^= 0x01
        jwk.y = Base64URL.encode(y)
        #expect(throws: IdentityError.self) { try jwk.verificationKey() }
    }

    @Test("a key pinned to ES256 does not verify as another algorithm")
    func pinned() throws {
        let key = try SigningKey.generate()
        #expect(key.verificationKey.supports(.es256))
        #expect(!key.verificationKey.supports(.es384))
        #expect(!key.verificationKey.supports(.rs256))
    }
}
