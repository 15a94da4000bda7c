import COpenSSL
import Foundation

extension EVPKey {
    /// Largest number of idle verification contexts kept per key.
    static let maximumPooledContexts = 16

    /// Verifies a DER ECDSA `signature` over a precomputed message `digest`; any failure is `false`.
    ///
    /// The token path uses this for ECDSA: hashing in one call and verifying the digest on a context initialised
    /// once (and pooled per key) avoids the per-call provider fetch and setup that otherwise cost about a tenth of
    /// the signature check itself.
    func verify(_ signature: Data, digest: [UInt8]) -> Bool {
        guard let context = takeVerifyContext() else { return false }
        let status = signature.withUnsafeBytes { sig in
            EVP_PKEY_verify(
                context.pointer,
                sig.bindMemory(to: UInt8.self).baseAddress,
                sig.count,
                digest,
                digest.count
            )
        }
        if status != 1 { ERR_clear_error() }
        verifyContexts.withLock { pool in
            if pool.count < Self.maximumPooledContexts { pool.append(context) }
        }
        return status == 1
    }

    /// An idle initialised context from the pool, or a new one.
    private func takeVerifyContext() -> VerifyContext? {
        if let pooled = verifyContexts.withLock({ $0.popLast() }) { return pooled }
        guard let context = EVP_PKEY_CTX_new(pointer, nil) else { return nil }
        guard EVP_PKEY_verify_init(context) == 1 else {
            EVP_PKEY_CTX_free(context)
            ERR_clear_error()
            return nil
        }
        return VerifyContext(owning: context)
    }
}

/// An `EVP_PKEY_CTX` initialised for verification, freed on deinit.
///
/// `@unchecked Sendable`: a context is used by one thread at a time, between leaving and re-entering its key's
/// mutex-guarded pool.
final class VerifyContext: @unchecked Sendable {
    /// The owned `EVP_PKEY_CTX *`.
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_CTX_free(pointer)
    }
}

extension Digest {
    /// The SHA-2 hash of `data` that ECDSA `algorithm` signs (SHA-256, SHA-384 or SHA-512); nil for other
    /// algorithms.
    static func hash(_ data: Data, for algorithm: JWSAlgorithm) -> [UInt8]? {
        data.withUnsafeBytes { raw -> [UInt8]? in
            let input = raw.bindMemory(to: UInt8.self).baseAddress
            switch algorithm {
            case .es256:
                var out = [UInt8](repeating: 0, count: 32)
                return SHA256(input, raw.count, &out) == nil ? nil : out
            case .es384:
                var out = [UInt8](repeating: 0, count: 48)
                return SHA384(input, raw.count, &out) == nil ? nil : out
            case .es512:
                var out = [UInt8](repeating: 0, count: 64)
                return SHA512(input, raw.count, &out) == nil ? nil : out
            default:
                return nil
            }
        }
    }
}
