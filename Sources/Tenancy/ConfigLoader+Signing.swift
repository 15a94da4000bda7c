import AgentryCore
import Foundation

extension ConfigLoader {
    /// The JWS algorithms Agentry's key rings can sign with, as configuration spells them (`alg` names).
    public static let signingAlgorithms = [
        "ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA",
    ]

    /// Refuses unknown member names in `server.keyRotation`, where a typo would silently keep a default.
    static func refuseUnknownRotationKeys(_ data: Data) throws {
        guard let object = try? JSONValue.parse(data).objectValue,
            let rotation = object["server"]?["keyRotation"].objectValue
        else { return }
        if let unknown = rotation.keys.sorted().first(where: { !KeyRotationSettings.knownKeys.contains($0) }) {
            throw ConfigError(code: "config.malformed", message: "`server.keyRotation.\(unknown)`: unknown key")
        }
    }

    /// Checks the signing algorithms (the server's, and each tenant's, only on tiers that silo keys) and the
    /// rotation settings: no token lifetime configured may exceed what a retired key's publication covers.
    static func validateSigning(_ config: DeploymentConfig) throws {
        let algorithms = signingAlgorithms.joined(separator: ", ")
        guard signingAlgorithms.contains(config.server.signingAlgorithm) else {
            throw invalidSigning(
                "server.signingAlgorithm",
                "unsupported algorithm `\(config.server.signingAlgorithm)` (one of \(algorithms))"
            )
        }
        for (index, tenant) in config.tenants.enumerated() {
            guard let algorithm = tenant.signingAlgorithm else { continue }
            let path = "tenants[\(index)].signingAlgorithm"
            guard signingAlgorithms.contains(algorithm) else {
                throw invalidSigning(path, "unsupported algorithm `\(algorithm)` (one of \(algorithms))")
            }
            guard config.tiers[tenant.tier]?.keys == .silo else {
                throw invalidSigning(path, "only a tenant whose tier silos keys has a key ring of its own")
            }
        }
        try validateRotation(config)
    }

    private static func validateRotation(_ config: DeploymentConfig) throws {
        let rotation = config.server.keyRotation
        let path = "server.keyRotation"
        guard (0...2_592_000).contains(rotation.activationDelaySeconds) else {
            throw invalidSigning("\(path).activationDelaySeconds", "must be 0 to 2592000")
        }
        guard (1...31_536_000).contains(rotation.maximumTokenLifetimeSeconds) else {
            throw invalidSigning("\(path).maximumTokenLifetimeSeconds", "must be 1 to 31536000")
        }
        guard (1...300).contains(rotation.checkIntervalSeconds) else {
            throw invalidSigning("\(path).checkIntervalSeconds", "must be 1 to 300")
        }
        let lifetimes = [
            ("server.userTokenTTLSeconds", config.server.userTokenTTLSeconds),
            ("server.workloadTokenTTLSeconds", config.server.workloadTokenTTLSeconds),
            ("oauth.exchangedTokenTTLSeconds", config.oauth.exchangedTokenTTLSeconds),
            ("oauth.clientCredentialsTTLSeconds", config.oauth.clientCredentialsTTLSeconds),
        ]
        for (field, seconds) in lifetimes where seconds > rotation.maximumTokenLifetimeSeconds {
            throw invalidSigning(
                "\(path).maximumTokenLifetimeSeconds",
                "must be at least `\(field)` (\(seconds)): a token could outlive its key's publication"
            )
        }
    }

    private static func invalidSigning(_ path: String, _ what: String) -> ConfigError {
        ConfigError(code: "config.invalid", message: "`\(path)`: \(what)")
    }
}
