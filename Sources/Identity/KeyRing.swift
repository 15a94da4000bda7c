import Foundation
import Synchronization

/// A named set of signing keys (for example `platform` for the pool, or `tenant-bigbank` for a silo tenant) with
/// scheduled rotation, stored under `<directory>/<name>/`.
///
/// A ring has an algorithm (ES256 by default) for the keys it generates. ``rotate()`` publishes a new key at once
/// but lets it sign only after ``KeyRotationPolicy/activationDelay``, so relying parties caching the JWKS know it
/// before they see it; the previous key stays published until ``KeyRotationPolicy/maximumTokenLifetime`` (plus
/// the maximum clock skew) after it stopped signing. Activation is by time, read from the injected clock.
///
/// Keys at rest are sealed by a ``KeySealer`` (`key-NNNNNN.sealed`); rings opened with
/// ``init(name:directory:retainedKeys:)`` keep the original plain `key-NNNNNN.pem` layout and rotate at once.
/// Directories are mode 0700, files 0600, created with `O_EXCL` so a key is never readable by others.
public final class KeyRing: Sendable {
    /// The ring's name; letters, digits, `-` and `_` only, so it is always a single safe path component.
    public let name: String
    /// The directory holding this ring's key files.
    public let directory: URL
    /// The algorithm of the keys this ring generates.
    public let algorithm: JWSAlgorithm
    /// The rotation policy.
    public let policy: KeyRotationPolicy
    /// The cap on keys kept (``KeyRotationPolicy/maximumKeys``), or `Int.max` when only time limits them.
    public var retainedKeys: Int { policy.maximumKeys ?? Int.max }

    private let store: KeyRingStore
    private let clock: @Sendable () -> Date
    private let state: Mutex<[KeySchedule.Entry]>

    /// Opens (or creates) the ring `name` with the original behaviour: ES256, plain PEM files, immediate rotation.
    /// - Parameters:
    ///   - name: ring name, 1–64 characters from `A–Z a–z 0–9 - _`.
    ///   - directory: parent directory; created with mode 0700 if missing.
    ///   - retainedKeys: keys kept after rotation, active included (default 3, minimum 2).
    /// - Throws: `IdentityError.keyStorage` on file-system faults, `.keyInvalid` if a stored key is unreadable.
    public convenience init(name: String, directory: URL, retainedKeys: Int = 3) throws {
        try self.init(
            name: name,
            directory: directory,
            policy: .immediate(retainedKeys: retainedKeys),
            store: nil,
            clock: { Date() }
        )
    }

    /// Opens (or creates) the ring `name` with sealed keys and scheduled rotation.
    /// - Parameters:
    ///   - name: ring name, 1–64 characters from `A–Z a–z 0–9 - _`.
    ///   - directory: parent directory; created with mode 0700 if missing.
    ///   - algorithm: algorithm of generated keys (default ES256); RSA keys are 2048 bits.
    ///   - policy: activation delay and retention.
    ///   - sealer: encrypts keys at rest; legacy `key-N.pem` files found are sealed and their plain copies deleted.
    ///   - clock: the time source for activation and retention.
    /// - Throws: `IdentityError.keyStorage` on file-system or sealing faults, `.keyInvalid` for unreadable keys.
    public convenience init(
        name: String,
        directory: URL,
        algorithm: JWSAlgorithm = .es256,
        policy: KeyRotationPolicy = KeyRotationPolicy(),
        sealer: any KeySealer,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        try self.init(
            name: name,
            directory: directory,
            algorithm: algorithm,
            policy: policy,
            store: sealer,
            clock: clock
        )
    }

    private init(
        name: String,
        directory: URL,
        algorithm: JWSAlgorithm = .es256,
        policy: KeyRotationPolicy,
        store sealer: (any KeySealer)?,
        clock: @escaping @Sendable () -> Date
    ) throws {
        guard name.wholeMatch(of: /[A-Za-z0-9_-]{1,64}/) != nil else {
            throw IdentityError.invalidArgument("key ring name must be 1-64 of A-Z a-z 0-9 - _")
        }
        self.name = name
        self.directory = directory.appendingPathComponent(name, isDirectory: true)
        self.algorithm = algorithm
        self.policy = policy
        self.clock = clock
        store = KeyRingStore(ring: name, directory: self.directory, sealer: sealer)
        try KeyFiles.makePrivateDirectory(directory)
        try KeyFiles.makePrivateDirectory(self.directory)

        // The first key of a new ring signs at once: no token can exist yet that a relying party must check.
        var entries = try store.load()
        if entries.isEmpty {
            let first = KeySchedule.Entry(sequence: 1, key: try SigningKey.generate(algorithm), activatesAt: clock())
            try store.write(first)
            entries = [first]
        }
        state = Mutex(entries)
        prune()
    }

    /// The key new tokens are signed with now.
    public var activeKey: SigningKey {
        state.withLock { entries in
            // INVARIANT: the ring always holds at least one key (created in init; pruning keeps the active one).
            entries[KeySchedule(entries: entries, now: clock(), policy: policy).activeIndex].key
        }
    }

    /// Every published key (pending, active and retained), newest first.
    public var keys: [SigningKey] {
        state.withLock { entries in
            KeySchedule(entries: entries, now: clock(), policy: policy).published.reversed().map { entries[$0].key }
        }
    }

    /// Every stored key with its phase and dates, oldest first.
    public var schedule: [ScheduledKey] {
        state.withLock { KeySchedule(entries: $0, now: clock(), policy: policy).keys }
    }

    /// The public keys of every published key, newest first, for `/.well-known/jwks.json`.
    public var jwks: JWKS {
        JWKS(keys: keys.map(\.publicJWK))
    }

    /// Published keys that may verify a token with header `kid` (all of them when `kid` is nil).
    public func verificationKeys(kid: String?) -> [VerificationKey] {
        keys.filter { kid == nil || $0.kid == kid }.map(\.verificationKey)
    }

    /// Generates a key of ``algorithm``, publishes it now and schedules it to sign after the activation delay;
    /// then deletes keys past retention.
    /// - Returns: the new key (active at once when the delay is zero).
    /// - Throws: `IdentityError.keyStorage` if the key cannot be stored; the ring is then unchanged.
    @discardableResult
    public func rotate() throws -> SigningKey {
        let key = try SigningKey.generate(algorithm)
        let activatesAt = clock().addingTimeInterval(policy.activationDelay)
        try state.withLock { entries in
            let entry = KeySchedule.Entry(
                sequence: (entries.last?.sequence ?? 0) + 1,
                key: key,
                activatesAt: activatesAt
            )
            try store.write(entry)
            entries.append(entry)
        }
        prune()
        return key
    }

    /// Deletes keys whose retention has ended (or that exceed the policy's cap), from memory and disk.
    /// - Returns: how many keys were removed.
    @discardableResult
    public func prune() -> Int {
        state.withLock { entries in
            let removable = Set(KeySchedule(entries: entries, now: clock(), policy: policy).removable)
            for index in removable { store.remove(sequence: entries[index].sequence) }
            entries = entries.enumerated().filter { !removable.contains($0.offset) }.map(\.element)
            return removable.count
        }
    }
}
