import COpenSSL
import Foundation
import Synchronization

/// The one Swift owner of an OpenSSL `EVP_PKEY`; no other file in `Identity` touches a key pointer.
///
/// `@unchecked Sendable`: the wrapped key is never mutated after construction, and OpenSSL 3 documents that a
/// key may be shared by threads that each use their own `EVP_MD_CTX`/`EVP_PKEY_CTX`, which is what `sign`/`verify`
/// do: pooled verification contexts are taken out of the mutex-guarded pool by one thread at a time.
final class EVPKey: @unchecked Sendable {
    /// The owned `EVP_PKEY *`, freed on deinit.
    let pointer: OpaquePointer
    /// Initialised digest-verification contexts kept for reuse; see ``verify(_:digest:)``.
    let verifyContexts = Mutex<[VerifyContext]>([])

    /// Takes ownership of `pointer`.
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Whether the key belongs to OpenSSL key type `name` (`"EC"`, `"RSA"`, `"ED25519"`).
    func isA(_ name: String) -> Bool {
        EVP_PKEY_is_a(pointer, name) == 1
    }

    /// The modulus or field size in bits.
    var bits: Int {
        Int(EVP_PKEY_get_bits(pointer))
    }

    /// The curve name of an EC key as OpenSSL spells it (`prime256v1`, `secp384r1`, `secp521r1`).
    var groupName: String? {
        var buffer = [CChar](repeating: 0, count: 64)
        var length = 0
        guard EVP_PKEY_get_group_name(pointer, &buffer, buffer.count, &length) == 1 else { return nil }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The public point of an EC key in uncompressed SEC1 form (`04 || X || Y`).
    func encodedPublicPoint() throws -> Data {
        var buffer = [UInt8](repeating: 0, count: 160)
        var length = 0
        guard EVP_PKEY_get_octet_string_param(pointer, "encoded-pub-key", &buffer, buffer.count, &length) == 1,
            length > 1, buffer[0] == 0x04
        else {
            ERR_clear_error()
            throw IdentityError.keyInvalid("cannot export the public point")
        }
        return Data(buffer.prefix(length))
    }

    /// Signs `message` with OpenSSL.
    /// - Parameters:
    ///   - message: the bytes to sign.
    ///   - digest: the message digest (nil for Ed25519, which hashes internally).
    ///   - pss: use RSASSA-PSS with MGF1 on `digest` and a salt as long as the digest (RFC 7518 §3.5).
    /// - Returns: OpenSSL's native signature bytes (DER for ECDSA).
    /// - Throws: `IdentityError.cryptoFailure` if OpenSSL fails.
    func sign(_ message: Data, digest: OpaquePointer?, pss: Bool = false) throws -> Data {
        guard let context = EVP_MD_CTX_new() else { throw IdentityError.cryptoFailure() }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestSignInit(context, &keyContext, digest, nil, pointer) == 1,
            !pss || Self.configurePSS(keyContext)
        else {
            ERR_clear_error()
            throw IdentityError.cryptoFailure("cannot initialise signing")
        }
        var length = Int(EVP_PKEY_get_size(pointer))
        var signature = [UInt8](repeating: 0, count: max(length, 1))
        let status = message.withUnsafeBytes { raw in
            EVP_DigestSign(context, &signature, &length, raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
        }
        guard status == 1 else {
            ERR_clear_error()
            throw IdentityError.cryptoFailure("signing failed")
        }
        return Data(signature.prefix(length))
    }

    /// Verifies OpenSSL-native `signature` bytes over `message`; never throws.
    /// - Parameters:
    ///   - signature: the native signature (DER for ECDSA).
    ///   - message: the signed bytes.
    ///   - digest: the message digest (nil for Ed25519).
    ///   - pss: verify RSASSA-PSS with the salt length fixed to the digest length.
    /// - Returns: whether the signature is valid; any failure is `false`.
    func verify(_ signature: Data, over message: Data, digest: OpaquePointer?, pss: Bool = false) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit(context, &keyContext, digest, nil, pointer) == 1,
            !pss || Self.configurePSS(keyContext)
        else {
            ERR_clear_error()
            return false
        }
        let status = signature.withUnsafeBytes { sig in
            message.withUnsafeBytes { msg in
                EVP_DigestVerify(
                    context,
                    sig.bindMemory(to: UInt8.self).baseAddress,
                    sig.count,
                    msg.bindMemory(to: UInt8.self).baseAddress,
                    msg.count
                )
            }
        }
        if status != 1 { ERR_clear_error() }
        return status == 1
    }

    /// Switches a signing or verification context to PSS padding with a digest-length salt.
    private static func configurePSS(_ keyContext: OpaquePointer?) -> Bool {
        guard let keyContext else { return false }
        return EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1
            && EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1
    }
}

/// Message digests used by JWS algorithms, and for callers outside the module.
public enum Digest {
    /// `EVP_sha256()`.
    static var sha256: OpaquePointer? { EVP_sha256() }
    /// `EVP_sha384()`.
    static var sha384: OpaquePointer? { EVP_sha384() }
    /// `EVP_sha512()`.
    static var sha512: OpaquePointer? { EVP_sha512() }

    /// Lower-case hex SHA-256 of the UTF-8 bytes of `text` (client-secret hashes); empty only if OpenSSL fails.
    public static func sha256Hex(_ text: String) -> String {
        guard let digest = try? sha256(of: Data(text.utf8)) else { return "" }
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 of `data` (32 bytes).
    static func sha256(of data: Data) throws -> Data {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = data.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &out, &length, EVP_sha256(), nil)
        }
        guard status == 1, length == 32 else { throw IdentityError.cryptoFailure("hashing failed") }
        return Data(out)
    }

    /// `count` bytes from OpenSSL's CSPRNG.
    static func randomBytes(_ count: Int) throws -> Data {
        var out = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&out, Int32(count)) == 1 else { throw IdentityError.cryptoFailure("no randomness") }
        return Data(out)
    }
}
