import Foundation

/// A public key that can check JWS signatures, bound to the algorithms its type and curve allow.
public struct VerificationKey: Sendable {
    /// The key id used to select this key for a token's `kid`, if any.
    public let keyID: String?
    /// The single algorithm the JWK pinned with `alg`, if it did.
    public let pinnedAlgorithm: JWSAlgorithm?
    let kind: KeyKind
    let key: EVPKey

    init(keyID: String?, pinnedAlgorithm: JWSAlgorithm?, kind: KeyKind, key: EVPKey) {
        self.keyID = keyID
        self.pinnedAlgorithm = pinnedAlgorithm
        self.kind = kind
        self.key = key
    }

    /// Builds a key from a public JWK; see ``JWK/verificationKey()``.
    public init(jwk: JWK) throws {
        guard jwk.use == nil || jwk.use == "sig" else { throw IdentityError.keyInvalid("JWK is not for signatures") }
        if let ops = jwk.keyOps, !ops.contains("verify") {
            throw IdentityError.keyInvalid("JWK does not permit verification")
        }
        var pinned: JWSAlgorithm?
        if let alg = jwk.alg {
            guard let known = JWSAlgorithm(headerName: alg) else {
                throw IdentityError.keyInvalid("unsupported alg")
            }
            pinned = known
        }
        let (kind, key) = try Self.material(of: jwk)
        self.init(keyID: jwk.kid, pinnedAlgorithm: pinned, kind: kind, key: key)
        if let pinned, !supportsByType(pinned) { throw IdentityError.keyInvalid("JWK alg does not fit its type") }
    }

    /// Whether this key may verify a signature made with `algorithm`.
    public func supports(_ algorithm: JWSAlgorithm) -> Bool {
        if let pinnedAlgorithm, pinnedAlgorithm != algorithm { return false }
        return supportsByType(algorithm)
    }

    /// Checks a raw JWS `signature` (for ECDSA, fixed-width `r || s`) over `signingInput`.
    /// Returns false for any mismatch: wrong algorithm for the key, bad length, `r`/`s` out of range, bad signature.
    public func verify(signature: Data, signingInput: Data, algorithm: JWSAlgorithm) -> Bool {
        guard supports(algorithm) else { return false }
        guard case .ec(let curve) = kind else {
            return key.verify(signature, over: signingInput, digest: algorithm.digest, pss: algorithm.isPSS)
        }
        guard let der = ECDSASignature.der(fromRaw: signature, curve: curve),
            let digest = Digest.hash(signingInput, for: algorithm)
        else { return false }
        return key.verify(der, digest: digest)
    }

    /// Whether a key of this type (and curve) can verify `algorithm`, ignoring any `alg` pin.
    func supportsByType(_ algorithm: JWSAlgorithm) -> Bool {
        kind.supports(algorithm)
    }

    /// Decodes the key material of a JWK into an OpenSSL key.
    private static func material(of jwk: JWK) throws -> (KeyKind, EVPKey) {
        switch jwk.kty {
        case "EC":
            guard let name = jwk.crv, let curve = ECCurve(rawValue: name), let x = jwk.x, let y = jwk.y else {
                throw IdentityError.keyInvalid("unsupported EC key")
            }
            let xBytes = try decodeMember(x)
            let yBytes = try decodeMember(y)
            guard xBytes.count == curve.coordinateSize, yBytes.count == curve.coordinateSize else {
                throw IdentityError.keyInvalid("EC coordinate has the wrong length")
            }
            let point = Data([0x04]) + xBytes + yBytes
            return (.ec(curve), try EVPKey.ecPublicKey(group: curve.groupName, point: point))
        case "RSA":
            guard let n = jwk.n, let e = jwk.e else { throw IdentityError.keyInvalid("RSA key lacks n or e") }
            let key = try EVPKey.rsaPublicKey(modulus: try decodeMember(n), exponent: try decodeMember(e))
            guard key.bits >= KeyKind.minimumRSABits else {
                throw IdentityError.keyInvalid("RSA keys under 2048 bits are refused")
            }
            return (.rsa, key)
        case "OKP":
            guard jwk.crv == "Ed25519", let x = jwk.x else { throw IdentityError.keyInvalid("unsupported OKP key") }
            return (.ed25519, try EVPKey.ed25519PublicKey(try decodeMember(x)))
        default:
            throw IdentityError.keyInvalid("unsupported key type")
        }
    }

    private static func decodeMember(_ text: String) throws -> Data {
        do {
            return try Base64URL.decode(text)
        } catch {
            throw IdentityError.keyInvalid("JWK member is not base64url")
        }
    }
}
