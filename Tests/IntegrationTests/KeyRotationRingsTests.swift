import AgentryCore
import Foundation
import Identity
import Synchronization
import Tenancy
import Testing

@testable import AgentryServer

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let now = Mutex(Date())

    /// The current time.
    func read() -> Date { now.withLock { $0 } }

    /// Moves the time forward by `seconds`.
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The deployment's key rings on disk, with a hand-moved clock: algorithm changes, outside rotations, retirement.
@Suite("Key rings of a deployment")
struct KeyRotationRingsTests {
    /// A configuration with `acme` on the shared ring and `globex` on its own, signing with `algorithm`.
    static func config(_ algorithm: String, globex: String? = nil, delay: Int = 3600) throws -> DeploymentConfig {
        let globexAlgorithm = globex.map { #", "signingAlgorithm": "\#($0)""# } ?? ""
        let json = """
            {"server": {"signingAlgorithm": "\(algorithm)",
                        "keyRotation": {"activationDelaySeconds": \(delay), "maximumTokenLifetimeSeconds": 3600}},
             "tiers": {
               "p": {"runtime": "pool", "memory": "pool", "knowledge": "pool", "keys": "pool", "modelRoute": "m"},
               "s": {"runtime": "pool", "memory": "pool", "knowledge": "pool", "keys": "silo", "modelRoute": "m"}
             },
             "tenants": [{"id": "acme", "tier": "p"}, {"id": "globex", "tier": "s"\(globexAlgorithm)}],
             "models": {"m": {"provider": "extractive"}}, "policies": "p.cedar"}
            """
        let config = try ConfigLoader.decode(Data(json.utf8))
        try ConfigLoader.validate(config)
        return config
    }

    /// Opens the rings of `config` under `directory` (whose vault is made on first use).
    static func open(_ config: DeploymentConfig, _ directory: URL, _ clock: ManualClock) throws -> KeyRotationRings {
        try KeyRotationRings(
            setup: try SigningConfig(config: config),
            directory: directory.appendingPathComponent("keys"),
            vault: try VaultBootstrap.open(dataDirectory: directory, environment: [:]),
            clock: { clock.read() }
        )
    }

    @Test("the first key of a new ring signs at once, even with a long activation delay")
    func firstKeyActive() throws {
        let directory = URL(fileURLWithPath: TestPaths.temporaryDirectory("rings"))
        let rings = try Self.open(try Self.config("ES384", globex: "EdDSA"), directory, ManualClock())
        #expect(rings.platform.activeKey.algorithm == .es384)
        #expect(rings.ring(forTenant: "globex").activeKey.algorithm == .edDSA)
        #expect(rings.ring(forTenant: "acme") === rings.platform)
        #expect(rings.platform.schedule.map(\.phase) == [.active])
        #expect(rings.jwks.keys.count == 2)
    }

    @Test("changing the algorithm rotates to a key of the new one; the old signs until activation, verifies after")
    func algorithmChange() throws {
        let directory = URL(fileURLWithPath: TestPaths.temporaryDirectory("rings"))
        let clock = ManualClock()
        let first = try Self.open(try Self.config("ES256"), directory, clock)
        let oldKid = first.platform.activeKey.kid

        // Reopened with RS256 (a restart after a configuration change): a pending RS256 key, ES256 still signing.
        let second = try Self.open(try Self.config("RS256"), directory, clock)
        #expect(second.platform.schedule.map(\.algorithm) == [.es256, .rs256])
        #expect(second.platform.schedule.map(\.phase) == [.active, .pending])
        #expect(second.platform.activeKey.kid == oldKid)
        #expect(Set(second.jwks.keys.compactMap(\.alg)) == ["ES256", "RS256"])
        // The globex ring names no algorithm of its own and follows the server's.
        #expect(second.ring(forTenant: "globex").schedule.last?.algorithm == .rs256)

        // Reopening again does not rotate twice.
        #expect(try Self.open(try Self.config("RS256"), directory, clock).platform.schedule.count == 2)

        // After the delay RS256 signs; the ES256 key stays published for a token lifetime plus skew, then goes.
        clock.advance(3601)
        #expect(second.platform.activeKey.algorithm == .rs256)
        #expect(!second.platform.verificationKeys(kid: oldKid).isEmpty)
        #expect(second.maintain() == 0)
        clock.advance(3600 + TokenVerifier.maximumClockSkew)
        #expect(second.maintain() == 2)
        #expect(second.platform.verificationKeys(kid: oldKid).isEmpty)
        #expect(!second.jwks.keys.contains { $0.kid == oldKid })
    }

    @Test("a rotation made by another process is published by the next JWKS read and signs after the delay")
    func outsideRotation() throws {
        let directory = URL(fileURLWithPath: TestPaths.temporaryDirectory("rings"))
        let clock = ManualClock()
        let config = try Self.config("ES256", delay: 60)
        let server = try Self.open(config, directory, clock)
        let oldKid = server.platform.activeKey.kid

        let other = try Self.open(config, directory, clock)
        let newKid = try other.platform.rotate().kid
        #expect(server.jwks.keys.contains { $0.kid == newKid })
        #expect(server.platform.activeKey.kid == oldKid)
        clock.advance(61)
        #expect(server.platform.activeKey.kid == newKid)
        #expect(server.refresh().isEmpty)
    }
}
