import AgentryCore
import Foundation
import Identity
import Synchronization
import Vault

/// The open key rings of one deployment (the shared ring and every silo tenant's), kept in step with their
/// directories so a rotation made by another process (`agentry keys rotate`) reaches a running server.
///
/// Activation and retirement are purely time-based inside ``KeyRing``, so the signing key and the JWKS change on
/// schedule without any action here. What a ring in memory cannot see is a key file another process added (or
/// pruned): ``refresh()`` compares each ring directory's file names with those seen when the ring was opened and
/// reopens the ring when they differ. The server's maintenance timer calls it every
/// `server.keyRotation.checkIntervalSeconds`, and the JWKS is read through it, so a key rotated in elsewhere is
/// published from the first JWKS request after the rotation (well before the activation delay lets it sign).
final class KeyRotationRings: Sendable {
    /// One open ring and the directory listing it was opened from.
    private struct Open: Sendable {
        let ring: KeyRing
        let files: [String]
    }

    /// The open rings: the shared one always, silo rings by name.
    private struct State: Sendable {
        var platform: Open
        var silos: [String: Open]

        subscript(name: String) -> Open? {
            get { name == SigningConfig.platformRing ? platform : silos[name] }
            set {
                guard let newValue else { return }
                if name == SigningConfig.platformRing { platform = newValue } else { silos[name] = newValue }
            }
        }
    }

    /// The signing setup the rings were opened with.
    let setup: SigningConfig
    private let directory: URL
    private let vault: CredentialVault
    private let clock: @Sendable () -> Date
    private let open: Mutex<State>
    private let logger = Logger(label: "agentry.identity.keys")

    /// Opens (or creates) every ring of `setup` under `directory`, sealed by `vault`.
    ///
    /// A ring whose newest key is of another algorithm than configured (the configuration changed) is rotated at
    /// once: the new key is published now and signs after the activation delay, while the old keys keep signing
    /// until then and stay published until their tokens have expired.
    /// - Throws: a key-ring storage error.
    init(
        setup: SigningConfig,
        directory: URL,
        vault: CredentialVault,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.setup = setup
        self.directory = directory
        self.vault = vault
        self.clock = clock
        var rings: [String: Open] = [:]
        var platform: Open?
        for description in setup.rings {
            let ring = try Self.openRing(description, directory, setup.policy, vault, clock)
            if let newest = ring.schedule.last, newest.algorithm != description.algorithm {
                try ring.rotate()
                logger.notice(
                    "signing algorithm changed: new key published",
                    ["key_ring.name": ring.name, "key_ring.algorithm": description.algorithm.rawValue]
                )
            }
            let opened = Open(ring: ring, files: Self.listing(ring.directory))
            if description.tenant == nil { platform = opened } else { rings[description.name] = opened }
        }
        guard let platform else { throw CodedError.internalError() }
        open = Mutex(State(platform: platform, silos: rings))
    }

    /// The shared ring pool tenants sign with.
    var platform: KeyRing { open.withLock { $0.platform.ring } }

    /// The ring `tenant` signs with: its own when its tier silos keys, the shared one otherwise.
    func ring(forTenant tenant: String) -> KeyRing {
        ring(named: setup.ring(forTenant: tenant).name)
    }

    /// Every ring, the shared one first, then silo rings by name.
    var all: [KeyRing] {
        open.withLock { rings in setup.rings.compactMap { rings[$0.name]?.ring } }
    }

    /// Every published key (pending, active and retained) of every ring, after picking up outside rotations.
    var jwks: JWKS {
        refresh()
        return JWKS(keys: all.flatMap { $0.jwks.keys })
    }

    /// Reopens each ring whose directory changed since it was opened, then deletes keys past retention.
    ///
    /// A ring that fails to reopen (say, a key file still being written by another process) stays as it was and
    /// is retried on the next call.
    /// - Returns: the names of the rings reopened.
    @discardableResult
    func refresh() -> [String] {
        var reopened: [String] = []
        for description in setup.rings {
            guard let current = open.withLock({ $0[description.name] }) else { continue }
            let files = Self.listing(current.ring.directory)
            guard files != current.files else { continue }
            guard let ring = try? Self.openRing(description, directory, setup.policy, vault, clock) else {
                logger.warning("key ring does not reopen; keeping the loaded keys", ["key_ring.name": description.name])
                continue
            }
            open.withLock { $0[description.name] = Open(ring: ring, files: Self.listing(ring.directory)) }
            reopened.append(description.name)
            logger.info("key ring reloaded from disk", ["key_ring.name": description.name])
        }
        return reopened
    }

    /// One maintenance pass: pick up outside changes, then delete keys past retention.
    /// - Returns: how many keys were deleted.
    @discardableResult
    func maintain() -> Int {
        refresh()
        var removed = 0
        for description in setup.rings {
            guard let current = open.withLock({ $0[description.name] }) else { continue }
            let count = current.ring.prune()
            guard count > 0 else { continue }
            removed += count
            // The ring deleted its own files: remember the new listing so the next pass does not reopen it.
            let files = Self.listing(current.ring.directory)
            open.withLock { $0[description.name] = Open(ring: current.ring, files: files) }
            logger.info("retired keys deleted", ["key_ring.name": description.name, "key_ring.removed": "\(count)"])
        }
        return removed
    }

    private func ring(named name: String) -> KeyRing {
        open.withLock { $0[name]?.ring ?? $0.platform.ring }
    }

    /// Opens one ring of the setup.
    static func openRing(
        _ description: SigningConfig.Ring,
        _ directory: URL,
        _ policy: KeyRotationPolicy,
        _ vault: CredentialVault,
        _ clock: @escaping @Sendable () -> Date
    ) throws -> KeyRing {
        try KeyRing(
            name: description.name,
            directory: directory,
            algorithm: description.algorithm,
            policy: policy,
            sealer: VaultKeySealer(vault: vault, scope: description.scope),
            clock: clock
        )
    }

    /// The sorted names of the key files in `directory` (empty when it cannot be read).
    static func listing(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("key-") }
            .sorted()
    }
}
