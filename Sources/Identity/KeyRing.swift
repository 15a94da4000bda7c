import Foundation
import Synchronization

/// A named set of ES256 signing keys (for example `platform` or `tenant-bigbank`) persisted as PKCS#8 PEM files.
///
/// Keys live in `<directory>/<name>/key-NNNNNN.pem` (directories mode 0700, files 0600, written with
/// `O_EXCL` so a key is never readable by others, even briefly). The highest number is the active key; older keys
/// are kept, up to `retainedKeys`, so tokens they signed still verify after a rotation. The ring is created with
/// one key on first use and reloaded on restart.
public final class KeyRing: Sendable {
    /// The ring's name; letters, digits, `-` and `_` only, so it is always a single safe path component.
    public let name: String
    /// The directory holding this ring's PEM files.
    public let directory: URL
    /// How many keys (the active one included) are kept after a rotation; at least 2.
    public let retainedKeys: Int

    private let state: Mutex<[Entry]>

    /// One key and its file sequence number.
    struct Entry: Sendable {
        let sequence: Int
        let key: SigningKey
    }

    /// Opens (or creates) the ring `name` under `directory`.
    /// - Parameters:
    ///   - name: ring name, 1–64 characters from `A–Z a–z 0–9 - _`.
    ///   - directory: parent directory; created with mode 0700 if missing.
    ///   - retainedKeys: keys kept after rotation, active included (default 3, minimum 2).
    /// - Throws: `IdentityError.keyStorage` on file-system faults, `.keyInvalid` if a stored key is unreadable
    ///   (a damaged ring is never silently replaced, since that would orphan every token it signed).
    public init(name: String, directory: URL, retainedKeys: Int = 3) throws {
        guard name.wholeMatch(of: /[A-Za-z0-9_-]{1,64}/) != nil else {
            throw IdentityError.invalidArgument("key ring name must be 1-64 of A-Z a-z 0-9 - _")
        }
        self.name = name
        self.directory = directory.appendingPathComponent(name, isDirectory: true)
        self.retainedKeys = max(2, retainedKeys)
        try KeyFiles.makePrivateDirectory(directory)
        try KeyFiles.makePrivateDirectory(self.directory)
        var entries = try KeyFiles.load(from: self.directory).map { Entry(sequence: $0.0, key: $0.1) }
        if entries.isEmpty {
            let key = try SigningKey.generate()
            try KeyFiles.write(key, sequence: 1, in: self.directory)
            entries = [Entry(sequence: 1, key: key)]
        }
        state = Mutex(entries)
    }

    /// The key new tokens are signed with.
    public var activeKey: SigningKey {
        // INVARIANT: the ring always holds at least one key (created in init, never all removed).
        state.withLock { $0[$0.count - 1].key }
    }

    /// Every kept key, newest (active) first.
    public var keys: [SigningKey] {
        state.withLock { $0.reversed().map(\.key) }
    }

    /// The public keys of every kept key, active first, for `/.well-known/jwks.json`.
    public var jwks: JWKS {
        JWKS(keys: keys.map(\.publicJWK))
    }

    /// Keys that may verify a token with header `kid` (all kept keys when `kid` is nil).
    public func verificationKeys(kid: String?) -> [VerificationKey] {
        keys.filter { kid == nil || $0.kid == kid }.map(\.verificationKey)
    }

    /// Generates a new key, makes it active, and drops keys beyond `retainedKeys` (deleting their files).
    /// - Returns: the new active key.
    @discardableResult
    public func rotate() throws -> SigningKey {
        let key = try SigningKey.generate()
        try state.withLock { entries in
            let sequence = (entries.last?.sequence ?? 0) + 1
            try KeyFiles.write(key, sequence: sequence, in: directory)
            entries.append(Entry(sequence: sequence, key: key))
            while entries.count > retainedKeys {
                let retired = entries.removeFirst()
                KeyFiles.remove(sequence: retired.sequence, in: directory)
            }
        }
        return key
    }
}
