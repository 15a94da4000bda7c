import Foundation

/// The asymmetric JWS algorithms (RFC 7518 §3, RFC 8037) `Identity` can verify.
///
/// `none` and the HMAC family (`HS256`, …) have no case, so no configuration can ever allow them.
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
    /// EdDSA; only the Ed25519 curve is supported.
    case edDSA = "EdDSA"

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
        case .es256, .rs256: Digest.sha256
        case .es384, .rs384: Digest.sha384
        case .es512, .rs512: Digest.sha512
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
        let hex: String
        switch self {
        case .p256:
            hex = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
        case .p384:
            hex = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"
        case .p521:
            hex =
                "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                + "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
        }
        return stride(from: 0, to: hex.count, by: 2).compactMap { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)
        }
    }

    /// The curve an OpenSSL group name denotes.
    init?(groupName: String) {
        guard let curve = ECCurve.allCases.first(where: { $0.groupName == groupName }) else { return nil }
        self = curve
    }
}
