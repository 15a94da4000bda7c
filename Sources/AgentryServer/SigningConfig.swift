import AgentryCore
import Foundation
import Identity
import Tenancy
import Vault

/// The signing setup a deployment configuration describes: the shared `platform` ring, one `tenant-<id>` ring per
/// tenant whose tier silos keys, each ring's algorithm and sealing scope, and the rotation policy they share.
public struct SigningConfig: Sendable {
    /// One key ring to open.
    public struct Ring: Sendable, Hashable {
        /// The ring's name and directory: `platform`, or `tenant-<id>`.
        public let name: String
        /// The silo tenant the ring signs for; nil for the shared ring.
        public let tenant: String?
        /// The algorithm of the ring's new keys.
        public let algorithm: JWSAlgorithm

        /// Whose vault data key seals the ring's private keys: the platform's, or the silo tenant's own.
        var scope: VaultScope { tenant.map(VaultScope.tenant) ?? .platform }
    }

    /// The name of the shared ring.
    public static let platformRing = "platform"

    /// The shared ring first, then silo rings by tenant id.
    public let rings: [Ring]
    /// Activation delay and retention, shared by every ring (no cap on the number of keys: time limits them).
    public let policy: KeyRotationPolicy
    /// Seconds between two key maintenance passes of a running server.
    public let checkInterval: TimeInterval

    /// The setup of `config`.
    /// - Throws: `config.invalid` naming the field when an algorithm is not one Identity signs with (a
    ///   configuration that went through ``ConfigLoader/validate(_:)`` never does).
    public init(config: DeploymentConfig) throws {
        let shared = try Self.algorithm(config.server.signingAlgorithm, field: "server.signingAlgorithm")
        var rings = [Ring(name: Self.platformRing, tenant: nil, algorithm: shared)]
        for (index, tenant) in config.tenants.enumerated() where config.tiers[tenant.tier]?.keys == .silo {
            let algorithm = try tenant.signingAlgorithm.map {
                try Self.algorithm($0, field: "tenants[\(index)].signingAlgorithm")
            }
            rings.append(Ring(name: "tenant-" + tenant.id, tenant: tenant.id, algorithm: algorithm ?? shared))
        }
        self.rings = [rings[0]] + rings.dropFirst().sorted { $0.name < $1.name }
        let rotation = config.server.keyRotation
        policy = KeyRotationPolicy(
            activationDelay: TimeInterval(rotation.activationDelaySeconds),
            maximumTokenLifetime: TimeInterval(rotation.maximumTokenLifetimeSeconds),
            maximumKeys: nil
        )
        checkInterval = TimeInterval(max(1, rotation.checkIntervalSeconds))
    }

    /// The ring `tenant` signs with: its own when its tier silos keys, the shared one otherwise (also for an
    /// unknown tenant: callers check that the tenant exists).
    public func ring(forTenant tenant: String) -> Ring {
        rings.first { $0.tenant == tenant } ?? rings[0]
    }

    /// The JWS algorithm configuration names `name`.
    /// - Throws: `config.invalid` naming `field`.
    static func algorithm(_ name: String, field: String) throws -> JWSAlgorithm {
        guard let algorithm = JWSAlgorithm(rawValue: name) else {
            throw ConfigError(code: "config.invalid", message: "`\(field)`: unsupported algorithm `\(name)`")
        }
        return algorithm
    }
}
