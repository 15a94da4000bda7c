import AgentryCore
import Foundation
import Identity
import Testing

@Suite("JWK and JWKS")
struct JWKSTests {
    @Test("JWKS parsing skips unknown key types, malformed entries and unknown members instead of failing")
    func tolerant() throws {
        let ec = try SigningKey.generate(.es256).publicJWK
        let ecJSON = String(decoding: try JSONEncoder().encode(ec), as: UTF8.self)
        let document = """
            {"keys":[\(ecJSON),{"kty":"oct","k":"c2VjcmV0"},{"kty":"EC"},{"kid":"no-type"},7,"x",
            {"kty":"RSA","n":"AQAB","e":"AQAB","x5c":["MIIB"],"future":{"a":1}}],"extra":true}
            """
        let set = try JWKS.parse(Data(document.utf8))
        #expect(set.keys.map(\.kty) == ["EC", "EC", "RSA"])
        #expect(set.verificationKeys().map(\.keyID) == [ec.kid])
        #expect(!String(decoding: try set.jsonData(), as: UTF8.self).contains("c2VjcmV0"))
    }

    @Test(
        "a document without a keys array, or not JSON, is an error",
        arguments: ["{}", "[]", #"{"keys":{}}"#, "nope"]
    )
    func invalid(document: String) {
        #expect(throws: IdentityError.self) { try JWKS.parse(Data(document.utf8)) }
    }

    @Test(
        "use and key_ops are respected",
        arguments: [
            ("enc", nil, false), ("sig", nil, true), (nil, ["verify"], true), (nil, ["sign"], false), (nil, [], false),
            ("sig", ["verify", "sign"], true),
        ] as [(String?, [String]?, Bool)]
    )
    func usage(use: String?, ops: [String]?, usable: Bool) throws {
        var jwk = try SigningKey.generate(.es256).publicJWK
        jwk.use = use
        jwk.keyOps = ops
        #expect(((try? jwk.verificationKey()) != nil) == usable)
        #expect(JWKS(keys: [jwk]).verificationKeys().count == (usable ? 1 : 0))
    }

    @Test(
        "a JWK alg that does not fit its key type, or is HS256 or none, makes the key unusable",
        arguments: [
            "ES384", "RS256", "HS256", "none", "EdDSA",
        ]
    )
    func mismatchedAlg(alg: String) throws {
        var jwk = try SigningKey.generate(.es256).publicJWK
        jwk.alg = alg
        #expect(throws: IdentityError.self) { try jwk.verificationKey() }
    }

    @Test(
        "each key type's JWK carries only public members and its kid is its thumbprint",
        arguments: [
            JWSAlgorithm.es256, .es384, .es512, .rs256, .ps384, .edDSA,
        ]
    )
    func publicMembers(algorithm: JWSAlgorithm) throws {
        let key = try SigningKey.generate(algorithm)
        let json = try JSONValue.parse(try JSONEncoder().encode(key.publicJWK))
        let names = Set(json.objectValue?.keys.map { $0 } ?? [])
        let expected: Set<String>
        switch key.publicJWK.kty {
        case "EC": expected = ["kty", "crv", "x", "y", "kid", "alg", "use"]
        case "RSA": expected = ["kty", "n", "e", "kid", "alg", "use"]
        default: expected = ["kty", "crv", "x", "kid", "alg", "use"]
        }
        #expect(names == expected)
        #expect(try key.publicJWK.thumbprint() == key.kid)
    }

    @Test("an Ed25519 JWK with a key of the wrong length, or an X25519 key, is refused")
    func okpVariants() {
        #expect(throws: IdentityError.self) { try JWK(kty: "OKP", crv: "Ed25519", x: "AAAA").verificationKey() }
        let x = Base64URL.encode(Data(count: 32))
        #expect(throws: IdentityError.self) { try JWK(kty: "OKP", crv: "X25519", x: x).verificationKey() }
    }
}

@Suite("JWKS as configuration")
struct JWKSDecodingTests {
    @Test("decoding a JWKS through Codable is as tolerant as parse")
    func codable() throws {
        let ec = try SigningKey.generate(.es256).publicJWK
        let ecJSON = String(decoding: try JSONEncoder().encode(ec), as: UTF8.self)
        let document = #"{"keys":[\#(ecJSON),{"kty":"oct","k":"AA"},3]}"#
        let decoded = try JSONDecoder().decode(JWKS.self, from: Data(document.utf8))
        #expect(decoded.keys == [ec])
        #expect(try JSONDecoder().decode(JWKS.self, from: try JSONEncoder().encode(decoded)) == decoded)
    }
}
