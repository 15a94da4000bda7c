import Foundation

/// A public JSON Web Key (RFC 7517) for signature verification: EC (P-256/384/521), RSA, or OKP (Ed25519).
///
/// Private members (`d`, `p`, …) are deliberately not modelled: a `JWK` value can never carry secret material
/// into a JWKS document.
public struct JWK: Codable, Sendable, Hashable {
    /// Key type: `EC`, `RSA` or `OKP`.
    public var kty: String
    /// Curve for `EC` (`P-256`, …) and `OKP` (`Ed25519`) keys.
    public var crv: String?
    /// Base64url x coordinate (EC) or public key (OKP).
    public var x: String?
    /// Base64url y coordinate (EC).
    public var y: String?
    /// Base64url RSA modulus.
    public var n: String?
    /// Base64url RSA public exponent.
    public var e: String?
    /// Key id; for keys Agentry makes, the RFC 7638 thumbprint.
    public var kid: String?
    /// The one algorithm this key may be used with, if stated.
    public var alg: String?
    /// Intended use; only `sig` (or absent) is accepted for verification.
    public var use: String?
    /// Permitted operations; if present, must include `verify`.
    public var keyOps: [String]?

    private enum CodingKeys: String, CodingKey {
        case kty, crv, x, y, n, e, kid, alg, use
        case keyOps = "key_ops"
    }

    /// Creates a JWK from its members.
    public init(
        kty: String,
        crv: String? = nil,
        x: String? = nil,
        y: String? = nil,
        n: String? = nil,
        e: String? = nil,
        kid: String? = nil,
        alg: String? = nil,
        use: String? = nil,
        keyOps: [String]? = nil
    ) {
        self.kty = kty
        self.crv = crv
        self.x = x
        self.y = y
        self.n = n
        self.e = e
        self.kid = kid
        self.alg = alg
        self.use = use
        self.keyOps = keyOps
    }

    /// Parses one JWK from JSON.
    /// - Throws: `IdentityError.keyInvalid` if the JSON is not a JWK object.
    public static func parse(_ data: Data) throws -> JWK {
        do {
            return try JSONDecoder().decode(JWK.self, from: data)
        } catch {
            throw IdentityError.keyInvalid("JWK JSON is invalid")
        }
    }

    /// The RFC 7638 thumbprint: base64url SHA-256 of the required members in lexicographic order.
    /// - Throws: `IdentityError.keyInvalid` if a required member is missing or the type is unknown.
    public func thumbprint() throws -> String {
        let members: [String: String?]
        switch kty {
        case "EC": members = ["crv": crv, "kty": kty, "x": x, "y": y]
        case "RSA": members = ["e": e, "kty": kty, "n": n]
        case "OKP": members = ["crv": crv, "kty": kty, "x": x]
        default: throw IdentityError.keyInvalid("unsupported key type")
        }
        let required = members.compactMapValues { $0 }
        guard required.count == members.count else { throw IdentityError.keyInvalid("JWK is missing a member") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let canonical = try encoder.encode(required)
        return Base64URL.encode(try Digest.sha256(of: canonical))
    }

    /// The verification key this JWK describes.
    /// - Throws: `IdentityError.keyInvalid` for unsupported types or curves, bad coordinates, an off-curve point,
    ///   RSA moduli under 2048 bits, or a `use`/`key_ops` that forbids verification.
    public func verificationKey() throws -> VerificationKey {
        try VerificationKey(jwk: self)
    }
}
