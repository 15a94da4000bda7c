import Foundation

/// The asymmetric JWS algorithms (RFC 7518 §3, RFC 8037) `Identity` can sign and verify.
///
/// `none` and the HMAC family (`HS256`, …) have no case, so no configuration can ever allow them. The fully
/// specified name `Ed25519` is read as an alias of ``edDSA`` (see ``init(headerName:)``); Agentry writes `EdDSA`.
public enum JWSAlgorithm: String, Sendable, Hashable, Codable, CaseIterable {
    /// ECDSA on P-256 with SHA-256: what Agentry issues.
    case es256 = "ES256"
    /// ECDSA on P-384 with SHA-384.
    case es384 = "ES384"
    /// ECDSA on P-521 with SHA-512.
    case es512 = "ES512"
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    case rs256 = "RS256"
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    case rs384 = "RS384"
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    case rs512 = "RS512"
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256, salt as long as the hash.
    case ps256 = "PS256"
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384, salt as long as the hash.
    case ps384 = "PS384"
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512, salt as long as the hash.
    case ps512 = "PS512"
    /// EdDSA; only the Ed25519 curve is supported.
    case edDSA = "EdDSA"

    /// The algorithm a JWS header's `alg` names: the exact, case-sensitive raw value, or `Ed25519` for ``edDSA``.
    /// Returns nil for `none`, HMAC, unknown names and any spelling variant (`es256`, `ES256 `).
    public init?(headerName: String) {
        if headerName == "Ed25519" {
            self = .edDSA
        } else {
            self.init(rawValue: headerName)
        }
    }

    /// Whether this is an RSA algorithm (PKCS #1 v1.5 or PSS).
    var isRSA: Bool {
        switch self {
        case .rs256, .rs384, .rs512, .ps256, .ps384, .ps512: true
        default: false
        }
    }

    /// Whether this is an RSASSA-PSS algorithm.
    var isPSS: Bool {
        self == .ps256 || self == .ps384 || self == .ps512
    }

    /// The JWK `crv` an ECDSA algorithm requires, or nil for the others.
    var curve: ECCurve? {
        switch self {
        case .es256: .p256
        case .es384: .p384
        case .es512: .p521
        default: nil
        }
    }

    /// The message digest the algorithm hashes with (nil for EdDSA, which hashes internally).
    var digest: OpaquePointer? {
        switch self {
        case .es256, .rs256, .ps256: Digest.sha256
        case .es384, .rs384, .ps384: Digest.sha384
        case .es512, .rs512, .ps512: Digest.sha512
        case .edDSA: nil
        }
    }
}

/// The NIST curves JOSE names for ECDSA, with the facts signature conversion needs.
enum ECCurve: String, Sendable, CaseIterable {
    case p256 = "P-256"
    case p384 = "P-384"
    case p521 = "P-521"

    /// OpenSSL's group name.
    var groupName: String {
        switch self {
        case .p256: "prime256v1"
        case .p384: "secp384r1"
        case .p521: "secp521r1"
        }
    }

    /// Bytes in one coordinate and in each of `r` and `s`.
    var coordinateSize: Int {
        switch self {
        case .p256: 32
        case .p384: 48
        case .p521: 66
        }
    }

    /// The group order `n`, big-endian, `coordinateSize` bytes.
    var order: [UInt8] {
        switch self {
        case .p256: Self.p256Order
        case .p384: Self.p384Order
        case .p521: Self.p521Order
        }
    }

    private static let p256Order = bytes(hex: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
    private static let p384Order = bytes(
        hex: "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"
    )
    private static let p521Order = bytes(
        hex: "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
            + "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
    )

    /// Bytes of an even-length hex string (constants only).
    private static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).compactMap { index in
            UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16)
        }
    }

    /// The curve an OpenSSL group name denotes.
    init?(groupName: String) {
        guard let curve = ECCurve.allCases.first(where: { $0.groupName == groupName }) else { return nil }
        self = curve
    }
}
