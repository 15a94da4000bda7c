import Foundation
import Synchronization

/// Every signing key ring of one Agentry deployment: the shared `platform` ring for pool tenants and one
/// `tenant-<id>` ring per silo tenant, all under one directory, with one algorithm, policy and sealer.
///
/// Silo rings are opened (or created) on first use. The combined JWKS publishes every ring's keys, so one
/// `/.well-known/jwks.json` serves tokens from all of them.
public final class KeyRings: Sendable {
    /// The shared ring pool tenants sign with.
    public let platform: KeyRing
    private let directory: URL
    private let algorithm: JWSAlgorithm
    private let policy: KeyRotationPolicy
    private let sealer: any KeySealer
    private let clock: @Sendable () -> Date
    private let silos = Mutex<[String: KeyRing]>([:])

    /// Opens the platform ring under `directory`.
    /// - Parameters:
    ///   - directory: the parent of every ring's directory; created with mode 0700 if missing.
    ///   - algorithm: algorithm of generated keys (default ES256).
    ///   - policy: rotation policy for every ring.
    ///   - sealer: encrypts keys at rest.
    ///   - clock: time source for activation and retention.
    /// - Throws: as ``KeyRing/init(name:directory:algorithm:policy:sealer:clock:)``.
    public init(
        directory: URL,
        algorithm: JWSAlgorithm = .es256,
        policy: KeyRotationPolicy = KeyRotationPolicy(),
        sealer: any KeySealer,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.directory = directory
        self.algorithm = algorithm
        self.policy = policy
        self.sealer = sealer
        self.clock = clock
        platform = try KeyRing(
            name: "platform",
            directory: directory,
            algorithm: algorithm,
            policy: policy,
            sealer: sealer,
            clock: clock
        )
    }

    /// The ring `tenantID` signs with under `placement`: the platform ring for pool, `tenant-<id>` for silo.
    /// - Throws: `IdentityError.invalidArgument` if the id is not 1–57 of `A–Z a–z 0–9 - _`; storage errors as
    ///   ``KeyRing``.
    public func ring(forTenant tenantID: String, placement: KeyPlacement) throws -> KeyRing {
        guard placement == .silo else { return platform }
        guard tenantID.wholeMatch(of: /[A-Za-z0-9_-]{1,57}/) != nil else {
            throw IdentityError.invalidArgument("tenant id is not usable as a key ring name")
        }
        return try silos.withLock { rings in
            if let ring = rings[tenantID] { return ring }
            let ring = try KeyRing(
                name: "tenant-" + tenantID,
                directory: directory,
                algorithm: algorithm,
                policy: policy,
                sealer: sealer,
                clock: clock
            )
            rings[tenantID] = ring
            return ring
        }
    }

    /// The platform ring and every silo ring opened so far, platform first, silos by tenant id.
    public var rings: [KeyRing] {
        [platform] + silos.withLock { $0.sorted { $0.key < $1.key }.map(\.value) }
    }

    /// The published keys of every ring, for `/.well-known/jwks.json`.
    public var jwks: JWKS {
        JWKS(keys: rings.flatMap { $0.jwks.keys })
    }

    /// A key source over every ring, seeing rotations and newly opened silo rings.
    public var keySource: KeySource {
        KeySource { [self] kid in rings.flatMap { $0.verificationKeys(kid: kid) } }
    }

    /// Schedules a rotation in every ring.
    /// - Throws: the first ring's storage error; rings before it have rotated.
    public func rotateAll() throws {
        for ring in rings { try ring.rotate() }
    }
}
