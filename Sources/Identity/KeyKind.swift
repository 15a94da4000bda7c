import Foundation

/// The type (and curve) of an asymmetric key; decides which JWS algorithms the key may be used with.
///
/// The binding is strict: an EC key only serves the ES algorithm of its own curve, an RSA key only RS and PS
/// algorithms, an Ed25519 key only EdDSA.
enum KeyKind: Sendable, Equatable {
    /// ECDSA on a NIST curve.
    case ec(ECCurve)
    /// RSA with a modulus of at least ``minimumRSABits``.
    case rsa
    /// Ed25519 (RFC 8032).
    case ed25519

    /// Smallest RSA modulus accepted for signing or verification, in bits.
    static let minimumRSABits = 2048

    /// Whether a key of this kind may sign or verify `algorithm`.
    func supports(_ algorithm: JWSAlgorithm) -> Bool {
        switch self {
        case .ec(let curve): algorithm.curve == curve
        case .rsa: algorithm.isRSA
        case .ed25519: algorithm == .edDSA
        }
    }

    /// The algorithm a key of this kind signs with when none is chosen: ES256/ES384/ES512 by curve, RS256, EdDSA.
    var defaultAlgorithm: JWSAlgorithm {
        switch self {
        case .ec(.p256): .es256
        case .ec(.p384): .es384
        case .ec(.p521): .es512
        case .rsa: .rs256
        case .ed25519: .edDSA
        }
    }

    /// The kind of an OpenSSL key, if it is one Identity supports.
    init(of key: EVPKey) throws {
        if key.isA("EC"), let curve = key.groupName.flatMap(ECCurve.init(groupName:)) {
            self = .ec(curve)
        } else if key.isA("RSA") {
            guard key.bits >= Self.minimumRSABits else {
                throw IdentityError.keyInvalid("RSA keys under 2048 bits are refused")
            }
            self = .rsa
        } else if key.isA("ED25519") {
            self = .ed25519
        } else {
            throw IdentityError.keyInvalid("unsupported key type")
        }
    }
}
