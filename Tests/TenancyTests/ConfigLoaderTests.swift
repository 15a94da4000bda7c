import AgentryCore
import Foundation
import Tenancy
import Testing

@Suite("ConfigLoader")
struct ConfigLoaderTests {
    private static let valid: JSONValue = [
        "server": ["port": 0],
        "tiers": [
            "basic": ["runtime": "pool", "memory": "pool", "knowledge": "pool", "keys": "pool", "modelRoute": "m"]
        ],
        "tenants": [["id": "smallfirm", "tier": "basic"]],
        "agents": [["id": "a", "command": ["x"], "scopes": ["docs:read"]]],
        "gateways": [],
        "knowledgeBases": [["id": "kb", "tenant": "smallfirm"]],
        "models": ["m": ["provider": "extractive"]],
        "policies": "p.cedar",
        "guardrails": [:],
    ]

    private func mutated(_ change: (inout [String: JSONValue]) -> Void) -> Data {
        var object = Self.valid.objectValue ?? [:]
        change(&object)
        return JSONValue.object(object).serialized()
    }

    @Test("decodes a minimal file and fills documented defaults")
    func defaults() throws {
        let config = try ConfigLoader.decode(Self.valid.serialized())
        try ConfigLoader.validate(config)
        #expect(config.server.host == "127.0.0.1")
        #expect(config.server.maxBodyBytes == 1 << 20)
        #expect(config.tiers["basic"]?.maxConcurrentSessions == 8)
        #expect(config.guardrails.blockPromptInjection)
    }

    @Test("names the path of a field with the wrong type")
    func wrongType() {
        let data = mutated { $0["tenants"] = [["id": "smallfirm", "tier": 3]] }
        #expect(throws: ConfigError(code: "config.malformed", message: "`tenants[0].tier`: wrong type")) {
            try ConfigLoader.decode(data)
        }
    }

    @Test("names the path of a missing field")
    func missing() {
        let data = mutated { $0["tenants"] = [["id": "smallfirm"]] }
        #expect(throws: ConfigError(code: "config.malformed", message: "`tenants[0].tier`: missing")) {
            try ConfigLoader.decode(data)
        }
    }

    @Test("rejects a tenant on an unknown tier, naming the field")
    func unknownTier() throws {
        let config = try ConfigLoader.decode(mutated { $0["tenants"] = [["id": "t", "tier": "gold"]] })
        #expect(throws: ConfigError(code: "config.invalid", message: "`tenants[0].tier`: unknown tier `gold`")) {
            try ConfigLoader.validate(config)
        }
    }

    @Test("rejects a knowledge base owned by an unknown tenant")
    func unknownOwner() throws {
        let config = try ConfigLoader.decode(mutated { $0["knowledgeBases"] = [["id": "kb", "tenant": "nobody"]] })
        #expect(throws: ConfigError.self) { try ConfigLoader.validate(config) }
    }

    @Test("rejects duplicate and malformed tenant ids")
    func tenantIDs() throws {
        let duplicate = try ConfigLoader.decode(
            mutated { $0["tenants"] = [["id": "t", "tier": "basic"], ["id": "t", "tier": "basic"]] }
        )
        #expect(throws: ConfigError.self) { try ConfigLoader.validate(duplicate) }
        let malformed = try ConfigLoader.decode(mutated { $0["tenants"] = [["id": "T/../x", "tier": "basic"]] })
        #expect(throws: ConfigError.self) { try ConfigLoader.validate(malformed) }
    }
}
