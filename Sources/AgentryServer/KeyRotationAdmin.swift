import AgentryCore
import Foundation
import Identity
import Tenancy
import Vault

/// What `agentry keys list|rotate` does: reads and rotates a deployment's key rings on disk, with or without a
/// server running on the same data directory.
///
/// A running server sees a rotation made here at its next key maintenance pass or JWKS request (see
/// ``KeyRotationRings``); the new key signs only after `server.keyRotation.activationDelaySeconds`, so relying
/// parties that cache the JWKS learn it first.
public struct KeyRotationAdmin: Sendable {
    /// Which ring a command acts on.
    public enum Selector: Sendable, Hashable {
        /// The shared ring pool tenants sign with.
        case platform
        /// The ring of a tenant whose tier silos keys.
        case tenant(String)
    }

    /// One ring's keys, oldest first. Never carries private material.
    public struct Report: Sendable {
        /// The ring's name: `platform` or `tenant-<id>`.
        public let ring: String
        /// The silo tenant the ring signs for; nil for the shared ring.
        public let tenant: String?
        /// The configured algorithm of the ring's new keys.
        public let algorithm: JWSAlgorithm
        /// Each stored key with its phase and dates (empty when the ring was never created).
        public let keys: [ScheduledKey]
    }

    private let setup: SigningConfig
    private let config: DeploymentConfig
    private let keysDirectory: URL
    private let vault: CredentialVault

    /// Opens the vault of `config`'s data directory (`<dataDirectory>/keys` holds the rings).
    /// - Throws: `config.invalid` for an unusable algorithm, vault errors for a bad master key or store.
    public init(config: DeploymentConfig) throws {
        let data = URL(fileURLWithPath: config.server.dataDirectory)
        try FileManager.default.createDirectory(
            at: data,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        self.config = config
        setup = try SigningConfig(config: config)
        keysDirectory = data.appendingPathComponent("keys")
        vault = try VaultBootstrap.open(dataDirectory: data)
    }

    /// The keys of the selected ring, or of every configured ring when `selector` is nil. Opening a ring deletes
    /// keys past retention, as the server would.
    /// - Throws: `keys.unknown_tenant`, `keys.shared_ring`, or a key-ring storage error.
    public func list(_ selector: Selector?) throws -> [Report] {
        let rings = try selector.map { [try ring($0)] } ?? setup.rings
        return try rings.map { description in
            // A ring never created stays absent: listing must not generate keys.
            let directory = keysDirectory.appendingPathComponent(description.name, isDirectory: true)
            let exists = FileManager.default.fileExists(atPath: directory.path)
            return Report(
                ring: description.name,
                tenant: description.tenant,
                algorithm: description.algorithm,
                keys: exists ? try open(description).schedule : []
            )
        }
    }

    /// Adds a key of the configured algorithm to the selected ring: published now, signing after the activation
    /// delay (at once when the ring had no key yet, or the delay is 0).
    /// - Returns: the ring's name and the new key's schedule entry.
    /// - Throws: `keys.unknown_tenant`, `keys.shared_ring`, or a key-ring storage error.
    public func rotate(_ selector: Selector) throws -> (ring: String, key: ScheduledKey) {
        let description = try ring(selector)
        let ring = try open(description)
        let key = try ring.rotate()
        guard let entry = ring.schedule.last(where: { $0.kid == key.kid }) else { throw CodedError.internalError() }
        return (description.name, entry)
    }

    /// The configured ring `selector` names.
    private func ring(_ selector: Selector) throws -> SigningConfig.Ring {
        switch selector {
        case .platform:
            return setup.rings[0]
        case .tenant(let id):
            guard config.tenant(id) != nil else {
                throw CodedError("keys.unknown_tenant", "unknown tenant `\(id)`", status: 404)
            }
            guard let ring = setup.rings.first(where: { $0.tenant == id }) else {
                throw CodedError(
                    "keys.shared_ring",
                    "tenant `\(id)` signs with the shared ring (its tier does not silo keys): use `--platform`",
                    status: 400
                )
            }
            return ring
        }
    }

    private func open(_ description: SigningConfig.Ring) throws -> KeyRing {
        try KeyRotationRings.openRing(description, keysDirectory, setup.policy, vault, { Date() })
    }
}
