import AgentryCore
import Foundation
import Identity
import Tenancy
import Testing

@testable import AgentryServer

/// Signing algorithms and rotation settings in the configuration: defaults, and refusals that name the field.
@Suite("Signing and key rotation configuration")
struct KeyRotationConfigTests {
    /// A minimal deployment with `server` members, an `oauth` section and tenant `globex` (silo keys) extras.
    static func json(server: String = "", oauth: String = "{}", globex: String = "", acme: String = "") -> String {
        """
        {"server": {\(server)}, "oauth": \(oauth),
         "tiers": {
           "p": {"runtime": "pool", "memory": "pool", "knowledge": "pool", "keys": "pool", "modelRoute": "m"},
           "s": {"runtime": "pool", "memory": "pool", "knowledge": "pool", "keys": "silo", "modelRoute": "m"}
         },
         "tenants": [{"id": "acme", "tier": "p"\(acme)}, {"id": "globex", "tier": "s"\(globex)}],
         "models": {"m": {"provider": "extractive"}}, "policies": "p.cedar"}
        """
    }

    /// The message of the error validating `json` throws, or nil when it is accepted.
    static func refusal(_ json: String) -> String? {
        do {
            try ConfigLoader.validate(try ConfigLoader.decode(Data(json.utf8)))
            return nil
        } catch let error as ConfigError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test("defaults: ES256 everywhere, one hour activation delay, one day token lifetime, one minute maintenance")
    func defaults() throws {
        let config = try ConfigLoader.decode(Data(Self.json().utf8))
        let setup = try SigningConfig(config: config)
        #expect(setup.rings.map(\.name) == ["platform", "tenant-globex"])
        #expect(setup.rings.map(\.algorithm) == [.es256, .es256])
        #expect(setup.policy.activationDelay == 3600)
        #expect(setup.policy.maximumTokenLifetime == 86_400)
        #expect(setup.policy.maximumKeys == nil)
        #expect(setup.checkInterval == 60)
        #expect(setup.ring(forTenant: "acme").name == "platform")
    }

    @Test("the configured names are exactly the algorithms Identity signs with")
    func algorithmNames() {
        #expect(Set(ConfigLoader.signingAlgorithms) == Set(JWSAlgorithm.allCases.map(\.rawValue)))
    }

    @Test("a tenant's algorithm overrides the server's for its own ring")
    func tenantAlgorithm() throws {
        let json = Self.json(server: #""signingAlgorithm": "PS384""#, globex: #", "signingAlgorithm": "EdDSA""#)
        let setup = try SigningConfig(config: try ConfigLoader.decode(Data(json.utf8)))
        #expect(setup.rings.map(\.algorithm) == [.ps384, .edDSA])
        #expect(Self.refusal(json) == nil)
    }

    @Test(
        "refusals name the field",
        arguments: [
            (json(server: #""signingAlgorithm": "HS256""#), "`server.signingAlgorithm`: unsupported algorithm `HS256`"),
            (json(server: #""signingAlgorithm": "es256""#), "`server.signingAlgorithm`: unsupported algorithm `es256`"),
            (json(globex: #", "signingAlgorithm": "none""#), "`tenants[1].signingAlgorithm`: unsupported algorithm"),
            (json(acme: #", "signingAlgorithm": "RS256""#), "`tenants[0].signingAlgorithm`: only a tenant whose tier"),
            (
                json(server: #""keyRotation": {"activationDelaySeconds": -1}"#),
                "`server.keyRotation.activationDelaySeconds`: must be 0 to 2592000"
            ),
            (
                json(server: #""keyRotation": {"checkIntervalSeconds": 301}"#),
                "`server.keyRotation.checkIntervalSeconds`: must be 1 to 300"
            ),
            (
                json(server: #""keyRotation": {"maximumTokenLifetimeSeconds": 1800}"#),
                "`server.keyRotation.maximumTokenLifetimeSeconds`: must be at least `server.userTokenTTLSeconds`"
            ),
            (
                json(
                    server: #""userTokenTTLSeconds": 60, "workloadTokenTTLSeconds": 60, "#
                        + #""keyRotation": {"maximumTokenLifetimeSeconds": 120}"#,
                    oauth: #"{"exchangedTokenTTLSeconds": 600}"#
                ),
                "`server.keyRotation.maximumTokenLifetimeSeconds`: must be at least `oauth.exchangedTokenTTLSeconds`"
            ),
            (
                json(server: #""keyRotation": {"activationDelay": 5}"#),
                "`server.keyRotation.activationDelay`: unknown key"
            ),
        ]
    )
    func refusals(json: String, expected: String) {
        let message = Self.refusal(json)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "accepted")")
    }

    @Test("a token lifetime equal to the maximum is accepted")
    func boundary() {
        let json = Self.json(
            server: #""userTokenTTLSeconds": 900, "keyRotation": {"maximumTokenLifetimeSeconds": 900}"#
        )
        #expect(Self.refusal(json) == nil)
    }
}
