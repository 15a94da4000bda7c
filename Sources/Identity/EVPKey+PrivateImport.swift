import COpenSSL
import Foundation

extension EVPKey {
    /// Builds an EC key pair on `curve` from its uncompressed public point and private scalar.
    static func ecPrivateKey(curve: ECCurve, point: Data, scalar: Data) throws -> EVPKey {
        let number = try BigNumber(scalar)
        return try fromParameters(type: "EC", selection: selectKeyPair) { builder, pool in
            OSSL_PARAM_BLD_push_utf8_string(builder, pool.string("group"), pool.string(curve.groupName), 0) == 1
                && OSSL_PARAM_BLD_push_octet_string(builder, pool.string("pub"), pool.bytes(point), point.count) == 1
                && OSSL_PARAM_BLD_push_BN(builder, pool.string("priv"), number.pointer) == 1
        }
    }

    /// Builds an RSA key pair from named big-endian parameters: `n`, `e`, `d` and, when all are given, the CRT
    /// values `rsa-factor1`, `rsa-factor2`, `rsa-exponent1`, `rsa-exponent2`, `rsa-coefficient1`.
    static func rsaPrivateKey(parameters: [(String, Data)]) throws -> EVPKey {
        let numbers = try parameters.map { ($0.0, try BigNumber($0.1)) }
        return try fromParameters(type: "RSA", selection: selectKeyPair) { builder, pool in
            numbers.allSatisfy { name, number in
                OSSL_PARAM_BLD_push_BN(builder, pool.string(name), number.pointer) == 1
            }
        }
    }

    /// Builds an Ed25519 key pair from its 32-byte private seed.
    static func ed25519PrivateKey(_ seed: Data) throws -> EVPKey {
        guard seed.count == 32 else { throw IdentityError.keyInvalid("Ed25519 private keys are 32 bytes") }
        let key = seed.withUnsafeBytes { bytes in
            EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, bytes.bindMemory(to: UInt8.self).baseAddress, 32)
        }
        guard let key else {
            ERR_clear_error()
            throw IdentityError.keyInvalid()
        }
        return EVPKey(owning: key)
    }
}

/// An owned OpenSSL `BIGNUM`, cleared and freed on deinit (it may hold private key material).
final class BigNumber {
    /// The owned `BIGNUM *`.
    let pointer: OpaquePointer

    /// Reads unsigned big-endian `bytes`.
    init(_ bytes: Data) throws {
        let number = bytes.withUnsafeBytes { raw in
            BN_bin2bn(raw.bindMemory(to: UInt8.self).baseAddress, Int32(raw.count), nil)
        }
        guard let number else { throw IdentityError.cryptoFailure() }
        pointer = number
    }

    deinit {
        BN_clear_free(pointer)
    }
}
