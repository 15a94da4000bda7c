import Foundation

extension JWK {
    /// The public members (`kty`, `crv`, `x`, `y`, `n`, `e`) of an OpenSSL key of `kind`.
    static func publicMembers(of key: EVPKey, kind: KeyKind) throws -> JWK {
        switch kind {
        case .ec(let curve):
            let point = try key.encodedPublicPoint()
            let size = curve.coordinateSize
            guard point.count == 1 + 2 * size else { throw IdentityError.keyInvalid("unexpected public point size") }
            let x = point.dropFirst().prefix(size)
            let y = point.suffix(size)
            return JWK(kty: "EC", crv: curve.rawValue, x: Base64URL.encode(x), y: Base64URL.encode(y))
        case .rsa:
            let n = try key.bigNumber("n")
            let e = try key.bigNumber("e")
            return JWK(kty: "RSA", n: Base64URL.encode(n), e: Base64URL.encode(e))
        case .ed25519:
            return JWK(kty: "OKP", crv: "Ed25519", x: Base64URL.encode(try key.rawPublicKey()))
        }
    }
}
