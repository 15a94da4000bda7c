import Foundation

/// An ES256 (ECDSA P-256 with SHA-256) private key that Agentry signs its own tokens with.
public struct SigningKey: Sendable {
    let key: EVPKey
    /// RFC 7638 thumbprint of the public key; the `kid` in token headers and in the JWKS.
    public let kid: String
    /// The public half as a JWK: `{"kty":"EC","crv":"P-256","x","y","kid","alg":"ES256","use":"sig"}`.
    public let publicJWK: JWK
    /// The public half, ready to verify this key's signatures.
    public let verificationKey: VerificationKey

    /// The JWS algorithm this key signs with (always ES256).
    public var algorithm: JWSAlgorithm { .es256 }

    private init(key: EVPKey) throws {
        guard key.isA("EC"), key.groupName.flatMap(ECCurve.init(groupName:)) == .p256 else {
            throw IdentityError.keyInvalid("signing keys must be EC P-256")
        }
        let point = try key.encodedPublicPoint()
        guard point.count == 65 else { throw IdentityError.keyInvalid("unexpected public point size") }
        var jwk = JWK(
            kty: "EC",
            crv: ECCurve.p256.rawValue,
            x: Base64URL.encode(point[1..<33]),
            y: Base64URL.encode(point[33..<65])
        )
        let kid = try jwk.thumbprint()
        jwk.kid = kid
        jwk.alg = JWSAlgorithm.es256.rawValue
        jwk.use = "sig"
        self.key = key
        self.kid = kid
        self.publicJWK = jwk
        self.verificationKey = VerificationKey(keyID: kid, pinnedAlgorithm: .es256, kind: .ec(.p256), key: key)
    }

    /// Generates a fresh P-256 key from OpenSSL's CSPRNG.
    public static func generate() throws -> SigningKey {
        try SigningKey(key: EVPKey.generateP256())
    }

    /// Loads a P-256 private key from PEM (PKCS#8 `BEGIN PRIVATE KEY`).
    /// - Throws: `IdentityError.keyInvalid` if the PEM is unreadable or not an EC P-256 key.
    public init(pem: Data) throws {
        try self.init(key: EVPKey.privateKey(pem: pem))
    }

    /// Loads a P-256 private key from PEM text; see ``init(pem:)``.
    public init(pemString: String) throws {
        try self.init(pem: Data(pemString.utf8))
    }

    /// The private key as unencrypted PKCS#8 PEM. Treat the result as a secret.
    public func pkcs8PEM() throws -> Data {
        try key.privateKeyPEM()
    }

    /// Signs `data` and returns the 64-byte JWS signature `r || s`.
    public func sign(_ data: Data) throws -> Data {
        let der = try key.sign(data, digest: Digest.sha256)
        guard let raw = ECDSASignature.raw(fromDER: der, curve: .p256) else {
            throw IdentityError.cryptoFailure("unexpected signature encoding")
        }
        return raw
    }
}
