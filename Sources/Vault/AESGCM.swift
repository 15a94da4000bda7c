import COpenSSL
import Foundation

/// AES-256-GCM through OpenSSL EVP: 96-bit random nonces, 128-bit tags, associated data bound into the tag.
enum AESGCM {
    /// Nonce length in bytes.
    static let nonceSize = 12
    /// Tag length in bytes; appended to every ciphertext.
    static let tagSize = 16
    /// Key length in bytes.
    static let keySize = 32

    /// Encrypts `plaintext` under `key` with a fresh random nonce.
    /// - Returns: the nonce, and the ciphertext with the tag appended.
    static func seal(_ plaintext: Data, key: SecretBytes, aad: Data) throws -> (nonce: Data, sealed: Data) {
        let nonce = try randomBytes(nonceSize)
        let sealed = try run(encrypt: true, input: plaintext, key: key, nonce: nonce, aad: aad, tag: nil)
        return (nonce, sealed)
    }

    /// Decrypts `sealed` (ciphertext followed by the tag) and checks the tag over it and `aad`.
    /// - Throws: `VaultError.decryptFailed` on any mismatch.
    static func open(_ sealed: Data, nonce: Data, key: SecretBytes, aad: Data) throws -> Data {
        guard nonce.count == nonceSize, sealed.count >= tagSize else { throw VaultError.decryptFailed }
        let body = Data(sealed.prefix(sealed.count - tagSize))
        let tag = Data(sealed.suffix(tagSize))
        return try run(encrypt: false, input: body, key: key, nonce: nonce, aad: aad, tag: tag)
    }

    /// Bytes from OpenSSL's CSPRNG.
    static func randomBytes(_ count: Int) throws -> Data {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw VaultError.cryptoFailure("no randomness") }
        return Data(bytes)
    }

    /// One EVP pass. Encryption returns ciphertext + tag; decryption returns plaintext or throws.
    private static func run(
        encrypt: Bool,
        input: Data,
        key: SecretBytes,
        nonce: Data,
        aad: Data,
        tag: Data?
    ) throws -> Data {
        guard key.count == keySize, let context = EVP_CIPHER_CTX_new() else { throw VaultError.cryptoFailure() }
        defer { EVP_CIPHER_CTX_free(context) }

        // Key and nonce go in together; GCM's default nonce length is the 12 bytes used here.
        let initialised = key.withBytes { keyBytes in
            nonce.withUnsafeBytes { nonceBytes in
                let keyPointer = keyBytes.bindMemory(to: UInt8.self).baseAddress
                let noncePointer = nonceBytes.bindMemory(to: UInt8.self).baseAddress
                return encrypt
                    ? EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, keyPointer, noncePointer)
                    : EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, keyPointer, noncePointer)
            }
        }
        guard initialised == 1 else { throw VaultError.cryptoFailure() }

        try update(context, encrypt: encrypt, input: aad, output: nil)
        var output = Data(count: input.count + tagSize)
        let written = try update(context, encrypt: encrypt, input: input, output: &output)
        if encrypt {
            return try finishEncryption(context, output: &output, written: written)
        }
        return try finishDecryption(context, output: &output, written: written, tag: tag)
    }

    /// Feeds `input` (as associated data when `output` is nil) and returns the bytes written.
    @discardableResult
    private static func update(
        _ context: OpaquePointer,
        encrypt: Bool,
        input: Data,
        output: UnsafeMutablePointer<Data>?
    ) throws -> Int {
        guard !input.isEmpty else { return 0 }
        var written: Int32 = 0
        let status = input.withUnsafeBytes { inputBytes -> Int32 in
            let inputPointer = inputBytes.bindMemory(to: UInt8.self).baseAddress
            guard let output else {
                return encrypt
                    ? EVP_EncryptUpdate(context, nil, &written, inputPointer, Int32(input.count))
                    : EVP_DecryptUpdate(context, nil, &written, inputPointer, Int32(input.count))
            }
            return output.pointee.withUnsafeMutableBytes { outputBytes in
                let outputPointer = outputBytes.bindMemory(to: UInt8.self).baseAddress
                return encrypt
                    ? EVP_EncryptUpdate(context, outputPointer, &written, inputPointer, Int32(input.count))
                    : EVP_DecryptUpdate(context, outputPointer, &written, inputPointer, Int32(input.count))
            }
        }
        guard status == 1 else { throw encrypt ? VaultError.cryptoFailure() : VaultError.decryptFailed }
        return Int(written)
    }

    private static func finishEncryption(_ context: OpaquePointer, output: inout Data, written: Int) throws -> Data {
        var tail = [UInt8](repeating: 0, count: 32)
        var extra: Int32 = 0
        guard EVP_EncryptFinal_ex(context, &tail, &extra) == 1, extra == 0 else { throw VaultError.cryptoFailure() }
        var tag = [UInt8](repeating: 0, count: tagSize)
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, Int32(tagSize), &tag) == 1 else {
            throw VaultError.cryptoFailure()
        }
        output.replaceSubrange(written..<output.count, with: tag)
        return output
    }

    private static func finishDecryption(
        _ context: OpaquePointer,
        output: inout Data,
        written: Int,
        tag: Data?
    ) throws -> Data {
        guard var tagBytes = tag.map({ [UInt8]($0) }), tagBytes.count == tagSize,
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, Int32(tagSize), &tagBytes) == 1
        else { throw VaultError.decryptFailed }
        var tail = [UInt8](repeating: 0, count: 32)
        var extra: Int32 = 0
        guard EVP_DecryptFinal_ex(context, &tail, &extra) == 1 else {
            output.wipe()
            throw VaultError.decryptFailed
        }
        output.removeSubrange(written..<output.count)
        return output
    }
}
