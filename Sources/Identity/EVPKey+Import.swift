import COpenSSL
import Foundation

/// `EVP_PKEY_PUBLIC_KEY`: all domain parameters plus the public key (the macro does not import into Swift).
let selectPublicKey: Int32 = 0x86
/// `EVP_PKEY_KEYPAIR`: the public key selection plus the private key.
let selectKeyPair: Int32 = 0x87

extension EVPKey {
    /// Reads a private key from PEM (PKCS#8 `BEGIN PRIVATE KEY`, or the legacy EC form OpenSSL also reads).
    static func privateKey(pem: Data) throws -> EVPKey {
        let key: OpaquePointer? = pem.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let key else {
            ERR_clear_error()
            throw IdentityError.keyInvalid("cannot read the PEM private key")
        }
        return EVPKey(owning: key)
    }

    /// Writes the private key as unencrypted PKCS#8 PEM.
    func privateKeyPEM() throws -> Data {
        guard let bio = BIO_new(BIO_s_mem()) else { throw IdentityError.cryptoFailure() }
        defer { BIO_free(bio) }
        guard PEM_write_bio_PKCS8PrivateKey(bio, pointer, nil, nil, 0, nil, nil) == 1 else {
            ERR_clear_error()
            throw IdentityError.cryptoFailure("cannot write the PEM private key")
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

    /// Builds an EC public key on `group` (`prime256v1`, …) from an uncompressed point; OpenSSL refuses a point
    /// that is not on the curve.
    static func ecPublicKey(group: String, point: Data) throws -> EVPKey {
        try fromParameters(type: "EC") { builder, pool in
            OSSL_PARAM_BLD_push_utf8_string(builder, pool.string("group"), pool.string(group), 0) == 1
                && OSSL_PARAM_BLD_push_octet_string(builder, pool.string("pub"), pool.bytes(point), point.count) == 1
        }
    }

    /// Builds an RSA public key from big-endian modulus and exponent bytes.
    static func rsaPublicKey(modulus: Data, exponent: Data) throws -> EVPKey {
        let n = modulus.withUnsafeBytes { BN_bin2bn($0.bindMemory(to: UInt8.self).baseAddress, Int32($0.count), nil) }
        let e = exponent.withUnsafeBytes {
            BN_bin2bn($0.bindMemory(to: UInt8.self).baseAddress, Int32($0.count), nil)
        }
        defer {
            BN_free(n)
            BN_free(e)
        }
        guard let n, let e else { throw IdentityError.cryptoFailure() }
        return try fromParameters(type: "RSA") { builder, pool in
            OSSL_PARAM_BLD_push_BN(builder, pool.string("n"), n) == 1
                && OSSL_PARAM_BLD_push_BN(builder, pool.string("e"), e) == 1
        }
    }

    /// Builds an Ed25519 public key from its 32 raw bytes.
    static func ed25519PublicKey(_ raw: Data) throws -> EVPKey {
        guard raw.count == 32 else { throw IdentityError.keyInvalid("Ed25519 keys are 32 bytes") }
        let key = raw.withUnsafeBytes { bytes in
            EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, bytes.bindMemory(to: UInt8.self).baseAddress, 32)
        }
        guard let key else {
            ERR_clear_error()
            throw IdentityError.keyInvalid()
        }
        return EVPKey(owning: key)
    }

    /// Runs `EVP_PKEY_fromdata` on the parameters `push` adds to a fresh builder.
    ///
    /// The builder keeps the key and value pointers it is given until `OSSL_PARAM_BLD_to_param`, so they come from
    /// a ``CMemoryPool`` that outlives that call rather than from Swift's call-scoped temporaries.
    static func fromParameters(
        type: String,
        selection: Int32 = selectPublicKey,
        push: (OpaquePointer, CMemoryPool) -> Bool
    ) throws -> EVPKey {
        guard let builder = OSSL_PARAM_BLD_new() else { throw IdentityError.cryptoFailure() }
        defer { OSSL_PARAM_BLD_free(builder) }
        let pool = CMemoryPool()
        let params: UnsafeMutablePointer<OSSL_PARAM>? = withExtendedLifetime(pool) {
            push(builder, pool) ? OSSL_PARAM_BLD_to_param(builder) : nil
        }
        guard let params else {
            ERR_clear_error()
            throw IdentityError.keyInvalid()
        }
        defer { OSSL_PARAM_free(params) }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, type, nil) else { throw IdentityError.cryptoFailure() }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_fromdata_init(context) == 1,
            EVP_PKEY_fromdata(context, &key, selection, params) == 1,
            let key
        else {
            ERR_clear_error()
            throw IdentityError.keyInvalid()
        }
        return EVPKey(owning: key)
    }
}

/// C memory that stays valid until the pool is released: NUL-terminated strings and byte copies.
final class CMemoryPool {
    private var blocks = [UnsafeMutableRawPointer]()

    deinit {
        for block in blocks { block.deallocate() }
    }

    /// A stable NUL-terminated copy of `text`.
    func string(_ text: String) -> UnsafePointer<CChar> {
        let utf8 = Array(text.utf8CString)
        let block = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
        block.initialize(from: utf8, count: utf8.count)
        blocks.append(UnsafeMutableRawPointer(block))
        return UnsafePointer(block)
    }

    /// A stable copy of `data` (at least one byte is allocated so the pointer is never null).
    func bytes(_ data: Data) -> UnsafeRawPointer {
        let block = UnsafeMutableRawPointer.allocate(byteCount: max(data.count, 1), alignment: 1)
        data.copyBytes(to: block.assumingMemoryBound(to: UInt8.self), count: data.count)
        blocks.append(block)
        return UnsafeRawPointer(block)
    }
}
