import COpenSSL
import Foundation

extension EVPKey {
    /// A big-number parameter of the key (`n`, `e` for RSA) as unsigned big-endian bytes without leading zeros.
    func bigNumber(_ name: String) throws -> Data {
        var number: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pointer, name, &number) == 1, let number else {
            ERR_clear_error()
            throw IdentityError.keyInvalid("cannot export the key")
        }
        defer { BN_free(number) }
        let count = (Int(BN_num_bits(number)) + 7) / 8
        var bytes = [UInt8](repeating: 0, count: max(count, 1))
        let written = BN_bn2bin(number, &bytes)
        guard written >= 0 else { throw IdentityError.keyInvalid("cannot export the key") }
        return Data(bytes.prefix(Int(written)))
    }

    /// The raw public key of an Ed25519 key (32 bytes).
    func rawPublicKey() throws -> Data {
        var bytes = [UInt8](repeating: 0, count: 64)
        var length = bytes.count
        guard EVP_PKEY_get_raw_public_key(pointer, &bytes, &length) == 1 else {
            ERR_clear_error()
            throw IdentityError.keyInvalid("cannot export the key")
        }
        return Data(bytes.prefix(length))
    }

    /// The raw private key of an Ed25519 key (32 bytes). Secret: for tests and key export only.
    func rawPrivateKey() throws -> Data {
        var bytes = [UInt8](repeating: 0, count: 64)
        var length = bytes.count
        guard EVP_PKEY_get_raw_private_key(pointer, &bytes, &length) == 1 else {
            ERR_clear_error()
            throw IdentityError.keyInvalid("cannot export the key")
        }
        defer { bytes.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        return Data(bytes.prefix(length))
    }

    /// The public key as SubjectPublicKeyInfo PEM (`BEGIN PUBLIC KEY`).
    func publicKeyPEM() throws -> Data {
        guard let bio = BIO_new(BIO_s_mem()) else { throw IdentityError.cryptoFailure() }
        defer { BIO_free(bio) }
        guard PEM_write_bio_PUBKEY(bio, pointer) == 1 else {
            ERR_clear_error()
            throw IdentityError.cryptoFailure("cannot write the PEM public key")
        }
        var out = Data()
        var chunk = [UInt8](repeating: 0, count: 1024)
        while true {
            let count = BIO_read(bio, &chunk, Int32(chunk.count))
            if count <= 0 { break }
            out.append(contentsOf: chunk.prefix(Int(count)))
        }
        return out
    }
}
