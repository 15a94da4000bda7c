import COpenSSL
import Foundation

/// Fixed key material held in memory of its own and overwritten with zeros when the last reference goes away.
///
/// The bytes are never printed: `description` and the mirror are redacted.
final class SecretBytes: @unchecked Sendable, CustomStringConvertible {
    // INVARIANT: `storage` is written only in `init` and wiped in `deinit`; between the two it is read-only, so
    // sharing the instance across threads cannot race.
    private let storage: UnsafeMutableRawBufferPointer

    /// Copies `bytes` into private storage.
    init<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        storage.copyBytes(from: bytes)
        count = bytes.count
    }

    /// Number of secret bytes.
    let count: Int

    deinit {
        if let base = storage.baseAddress { OPENSSL_cleanse(base, storage.count) }
        storage.deallocate()
    }

    /// Runs `body` with a read-only view of the bytes; do not let the pointer escape.
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[0..<count]))
    }

    var description: String { "SecretBytes(redacted)" }
}

extension Data {
    /// Overwrites the bytes with zeros (best effort: copies made earlier by value semantics are not reached).
    mutating func wipe() {
        let size = count
        withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress, size > 0 { OPENSSL_cleanse(base, size) }
        }
    }
}
