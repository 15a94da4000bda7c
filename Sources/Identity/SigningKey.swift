import Foundation

/// A private key Agentry signs tokens with: EC P-256/P-384/P-521, RSA (2048 bits or more) or Ed25519, bound to
/// one JWS algorithm.
///
/// The binding is strict: an EC key signs only the ES algorithm of its curve, an RSA key RS256/384/512 or
/// PS256/384/512 (whichever it was created for), an Ed25519 key only EdDSA.
public struct SigningKey: Sendable {
    let key: EVPKey
    let kind: KeyKind
    /// The JWS algorithm this key signs with; written to the header `alg` and the JWK `alg`.
    public let algorithm: JWSAlgorithm
    /// RFC 7638 thumbprint of the public key; the `kid` in token headers and in the JWKS.
    public let kid: String
    /// The public half as a JWK with `kid`, `alg` and `use: sig`, e.g. `{"kty":"EC","crv":"P-256","x","y",…}`.
    public let publicJWK: JWK
    /// The public half, pinned to ``algorithm``, ready to verify this key's signatures.
    public let verificationKey: VerificationKey

    /// Wraps `key`, signing with `algorithm` (the kind's default when nil).
    /// - Throws: `IdentityError.keyInvalid` for unsupported key types, short RSA keys or an algorithm the key
    ///   cannot serve.
    init(key: EVPKey, algorithm: JWSAlgorithm?) throws {
        let kind = try KeyKind(of: key)
        let chosen = algorithm ?? kind.defaultAlgorithm
        guard kind.supports(chosen) else { throw IdentityError.keyInvalid("the key cannot sign with that alg") }
        var jwk = try JWK.publicMembers(of: key, kind: kind)
        let kid = try jwk.thumbprint()
        jwk.kid = kid
        jwk.alg = chosen.rawValue
        jwk.use = "sig"
        self.key = key
        self.kind = kind
        self.algorithm = chosen
        self.kid = kid
        self.publicJWK = jwk
        self.verificationKey = VerificationKey(keyID: kid, pinnedAlgorithm: chosen, kind: kind, key: key)
    }

    /// Generates a fresh ES256 (P-256) key from OpenSSL's CSPRNG.
    public static func generate() throws -> SigningKey {
        try generate(.es256)
    }

    /// Generates a fresh key for `algorithm`: the matching EC curve, an RSA key of `rsaBits` bits, or Ed25519.
    /// - Parameters:
    ///   - algorithm: the algorithm the key will sign with.
    ///   - rsaBits: RSA modulus size in bits (default 2048, at least 2048); ignored for other key types.
    /// - Returns: the new key, bound to `algorithm`.
    /// - Throws: `IdentityError.invalidArgument` for `rsaBits` under 2048, `.cryptoFailure` if generation fails.
    public static func generate(_ algorithm: JWSAlgorithm, rsaBits: Int = 2048) throws -> SigningKey {
        let key: EVPKey
        if let curve = algorithm.curve {
            key = try EVPKey.generateEC(curve)
        } else if algorithm.isRSA {
            guard rsaBits >= KeyKind.minimumRSABits, rsaBits <= 16_384 else {
                throw IdentityError.invalidArgument("RSA keys must have 2048 to 16384 bits")
            }
            key = try EVPKey.generateRSA(bits: rsaBits)
        } else {
            key = try EVPKey.generateEd25519()
        }
        return try SigningKey(key: key, algorithm: algorithm)
    }

    /// Loads a private key from PEM (PKCS#8 `BEGIN PRIVATE KEY`, or the legacy EC/RSA forms OpenSSL reads).
    ///
    /// The algorithm is the key type's default: ES256/ES384/ES512 by curve, RS256 for RSA, EdDSA for Ed25519.
    /// - Throws: `IdentityError.keyInvalid` if the PEM is unreadable, of an unsupported type, or RSA under 2048 bits.
    public init(pem: Data) throws {
        try self.init(key: EVPKey.privateKey(pem: pem), algorithm: nil)
    }

    /// Loads a private key from PEM and binds it to `algorithm`.
    /// - Throws: `IdentityError.keyInvalid` as ``init(pem:)``, or if the key cannot sign with `algorithm`.
    public init(pem: Data, algorithm: JWSAlgorithm) throws {
        try self.init(key: EVPKey.privateKey(pem: pem), algorithm: algorithm)
    }

    /// Loads a private key from PEM text; see ``init(pem:)``.
    public init(pemString: String) throws {
        try self.init(pem: Data(pemString.utf8))
    }

    /// The private key as unencrypted PKCS#8 PEM. Treat the result as a secret.
    public func pkcs8PEM() throws -> Data {
        try key.privateKeyPEM()
    }

    /// Signs `data` and returns the JWS signature: `r || s` of fixed width for ECDSA (64, 96 or 132 bytes), the
    /// modulus-sized value for RSA, 64 bytes for Ed25519.
    /// - Throws: `IdentityError.cryptoFailure` if OpenSSL fails.
    public func sign(_ data: Data) throws -> Data {
        let native = try key.sign(data, digest: algorithm.digest, pss: algorithm.isPSS)
        guard case .ec(let curve) = kind else { return native }
        guard let raw = ECDSASignature.raw(fromDER: native, curve: curve) else {
            throw IdentityError.cryptoFailure("unexpected signature encoding")
        }
        return raw
    }
}
