import AgentryCore
import Foundation

/// Reads, decodes and validates a ``DeploymentConfig``.
public enum ConfigLoader {
    /// Loads the JSON file at `path`, resolving relative paths against its directory.
    /// - Throws: ``ConfigError`` naming the path of the first bad field.
    public static func load(path: String) throws -> DeploymentConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(code: "config.unreadable", message: "cannot read configuration file `\(path)`")
        }
        var config = try decode(data)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        config.server.dataDirectory = resolve(config.server.dataDirectory, against: base)
        config.policies = resolve(config.policies, against: base)
        for (index, tenant) in config.tenants.enumerated() {
            for (entry, trusted) in (tenant.trustedIssuers ?? []).enumerated() {
                if let file = trusted.jwksFile {
                    config.tenants[index].trustedIssuers?[entry].jwksFile = resolve(file, against: base)
                }
            }
        }
        try validate(config)
        guard FileManager.default.isReadableFile(atPath: config.policies) else {
            throw ConfigError(code: "config.invalid", message: "`policies`: cannot read `\(config.policies)`")
        }
        return config
    }

    /// Decodes configuration JSON, turning decoding failures into field paths.
    public static func decode(_ data: Data) throws -> DeploymentConfig {
        if let object = try? JSONValue.parse(data).objectValue,
            let unknown = object.keys.sorted().first(where: { !DeploymentConfig.knownKeys.contains($0) })
        {
            throw ConfigError(code: "config.malformed", message: "`\(unknown)`: unknown key")
        }
        try refuseUnknownOAuthKeys(data)
        try refuseUnknownRotationKeys(data)
        do {
            return try JSONDecoder().decode(DeploymentConfig.self, from: data)
        } catch let error as DecodingError {
            throw ConfigError(code: "config.malformed", message: describe(error))
        } catch {
            throw ConfigError(code: "config.malformed", message: "configuration is not valid JSON")
        }
    }

    /// Checks cross-references: tiers, model routes, knowledge-base owners, unique ids, known providers.
    public static func validate(_ config: DeploymentConfig) throws {
        func fail(_ path: String, _ what: String) -> ConfigError {
            ConfigError(code: "config.invalid", message: "`\(path)`: \(what)")
        }
        let idPattern = #/^[a-z0-9][a-z0-9-]{0,62}$/#
        var seen = Set<String>()
        for (index, tenant) in config.tenants.enumerated() {
            guard tenant.id.wholeMatch(of: idPattern) != nil else {
                throw fail("tenants[\(index)].id", "must be lower-case letters, digits and `-`")
            }
            guard seen.insert(tenant.id).inserted else { throw fail("tenants[\(index)].id", "duplicate tenant id") }
            guard config.tiers[tenant.tier] != nil else {
                throw fail("tenants[\(index)].tier", "unknown tier `\(tenant.tier)`")
            }
        }
        for (name, tier) in config.tiers.sorted(by: { $0.key < $1.key }) {
            guard config.models[tier.modelRoute] != nil else {
                throw fail("tiers.\(name).modelRoute", "unknown model route `\(tier.modelRoute)`")
            }
            guard tier.maxConcurrentSessions > 0 else {
                throw fail("tiers.\(name).maxConcurrentSessions", "must be > 0")
            }
            guard tier.warmPoolSize >= 0 else { throw fail("tiers.\(name).warmPoolSize", "must be ≥ 0") }
        }
        for (name, route) in config.models.sorted(by: { $0.key < $1.key }) {
            guard ["extractive", "openai"].contains(route.provider) else {
                throw fail("models.\(name).provider", "unknown provider `\(route.provider)`")
            }
            if route.provider == "openai", route.baseURL.flatMap(URL.init(string:)) == nil {
                throw fail("models.\(name).baseURL", "an `openai` route needs a base URL")
            }
        }
        guard config.server.maxBodyBytes > 0 else { throw fail("server.maxBodyBytes", "must be > 0") }
        try unique(config.knowledgeBases.map(\.id), "knowledgeBases", idPattern)
        try unique(config.agents.map(\.id), "agents", idPattern)
        try unique(config.gateways.map(\.id), "gateways", idPattern)
        for (index, gateway) in config.gateways.enumerated() {
            try unique(gateway.tools.map(\.name), "gateways[\(index)].tools", #/^[A-Za-z0-9_.-]{1,64}$/#, field: "name")
        }
        for (index, base) in config.knowledgeBases.enumerated() where config.tenant(base.tenant) == nil {
            throw fail("knowledgeBases[\(index)].tenant", "unknown tenant `\(base.tenant)`")
        }
        for (index, agent) in config.agents.enumerated() where agent.command.isEmpty {
            throw fail("agents[\(index)].command", "must name a program")
        }
        try validateOAuth(config)
        try validateSigning(config)
        for (gatewayIndex, gateway) in config.gateways.enumerated() {
            for (index, tool) in gateway.tools.enumerated() where URL(string: tool.url)?.host == nil {
                throw fail("gateways[\(gatewayIndex)].tools[\(index)].url", "must be an absolute URL")
            }
        }
    }

    /// Ids in a list must match `pattern` and be unique; the error names the first offender's path.
    private static func unique(
        _ ids: [String],
        _ list: String,
        _ pattern: Regex<Substring>,
        field: String = "id"
    ) throws {
        var seen = Set<String>()
        for (index, id) in ids.enumerated() {
            guard id.wholeMatch(of: pattern) != nil else {
                throw ConfigError(code: "config.invalid", message: "`\(list)[\(index)].\(field)`: invalid `\(id)`")
            }
            guard seen.insert(id).inserted else {
                throw ConfigError(code: "config.invalid", message: "`\(list)[\(index)].\(field)`: duplicate `\(id)`")
            }
        }
    }

    private static func resolve(_ path: String, against base: URL) -> String {
        path.hasPrefix("/") ? path : base.appendingPathComponent(path).standardizedFileURL.path
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text.isEmpty ? "(root)" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "`\(path(context.codingPath + [key]))`: missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "`\(path(context.codingPath))`: wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "configuration is not valid JSON" : "`\(path(context.codingPath))`: invalid value"
        @unknown default:
            return "configuration is invalid"
        }
    }
}
