import COpenSSL
import Foundation

extension EVPKey {
    /// Generates a new EC key pair on `curve`.
    static func generateEC(_ curve: ECCurve) throws -> EVPKey {
        try generate(type: "EC") { context in
            EVP_PKEY_CTX_set_group_name(context, curve.rawValue) == 1
        }
    }

    /// Generates a new P-256 key pair.
    static func generateP256() throws -> EVPKey {
        try generateEC(.p256)
    }

    /// Generates a new RSA key pair with a modulus of `bits` bits and exponent 65537.
    static func generateRSA(bits: Int) throws -> EVPKey {
        try generate(type: "RSA") { context in
            EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(clamping: bits)) == 1
        }
    }

    /// Generates a new Ed25519 key pair.
    static func generateEd25519() throws -> EVPKey {
        try generate(type: "ED25519") { _ in true }
    }

    /// Runs OpenSSL key generation for `type`, letting `configure` set type-specific parameters first.
    private static func generate(type: String, configure: (OpaquePointer) -> Bool) throws -> EVPKey {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, type, nil) else { throw IdentityError.cryptoFailure() }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, configure(context), EVP_PKEY_generate(context, &key) == 1,
            let key
        else {
            ERR_clear_error()
            throw IdentityError.cryptoFailure("key generation failed")
        }
        return EVPKey(owning: key)
    }
}
