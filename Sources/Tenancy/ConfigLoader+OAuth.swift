import AgentryCore
import Foundation

extension ConfigLoader {
    /// Refuses unknown member names in `oauth` and each `oauthClients[]` entry, where a typo would otherwise
    /// silently fall back to a default (a misspelt `grantTypes` must not go unnoticed).
    static func refuseUnknownOAuthKeys(_ data: Data) throws {
        guard let object = try? JSONValue.parse(data).objectValue else { return }
        if let settings = object["oauth"]?.objectValue,
            let unknown = settings.keys.sorted().first(where: { !OAuthSettings.knownKeys.contains($0) })
        {
            throw ConfigError(code: "config.malformed", message: "`oauth.\(unknown)`: unknown key")
        }
        for (index, client) in (object["oauthClients"]?.arrayValue ?? []).enumerated() {
            let keys = client.objectValue?.keys.sorted() ?? []
            if let unknown = keys.first(where: { !OAuthClientConfig.knownKeys.contains($0) }) {
                throw ConfigError(code: "config.malformed", message: "`oauthClients[\(index)].\(unknown)`: unknown key")
            }
        }
    }

    /// Checks the OAuth clients, the `oauth` limits and each tenant's trusted issuers.
    static func validateOAuth(_ config: DeploymentConfig) throws {
        try validateSettings(config.oauth)
        var seen = Set<String>()
        for (index, client) in (config.oauthClients ?? []).enumerated() {
            let path = "oauthClients[\(index)]"
            // `:` is reserved for Agentry's own clients (`gateway:<id>`), so a configured id can never pose as one.
            guard !client.id.isEmpty, !client.id.contains(":") else {
                throw invalid("\(path).id", "must be non-empty and not contain `:`")
            }
            guard seen.insert(client.id).inserted else { throw invalid("\(path).id", "duplicate client id") }
            try validateClient(client, path: path, config: config)
        }
        var issuers = Set<String>()
        for (tenantIndex, tenant) in config.tenants.enumerated() {
            for (index, trusted) in (tenant.trustedIssuers ?? []).enumerated() {
                let path = "tenants[\(tenantIndex)].trustedIssuers[\(index)]"
                guard !trusted.issuer.isEmpty else { throw invalid("\(path).issuer", "must not be empty") }
                guard issuers.insert(trusted.issuer).inserted else {
                    throw invalid("\(path).issuer", "an issuer may be trusted by one tenant only")
                }
                guard (trusted.jwks == nil) != (trusted.jwksFile == nil) else {
                    throw invalid(path, "needs exactly one of `jwks` and `jwksFile`")
                }
                if let file = trusted.jwksFile, !FileManager.default.isReadableFile(atPath: file) {
                    throw invalid("\(path).jwksFile", "cannot read `\(file)`")
                }
            }
            for (index, entry) in (tenant.federatedIssuers ?? []).enumerated() {
                let path = "tenants[\(tenantIndex)].federatedIssuers[\(index)]"
                guard let object = entry.objectValue else { throw invalid(path, "must be a JSON object") }
                guard let issuer = object["issuer"]?.stringValue, !issuer.isEmpty else {
                    throw invalid("\(path).issuer", "must be a non-empty string")
                }
                guard !issuers.contains(issuer) else {
                    throw invalid("\(path).issuer", "is already a static `trustedIssuers` entry")
                }
            }
            for (index, workload) in (tenant.workloads ?? []).enumerated()
            where !config.agents.contains(where: { $0.id == workload }) {
                throw invalid("tenants[\(tenantIndex)].workloads[\(index)]", "unknown agent `\(workload)`")
            }
        }
    }

    private static func validateSettings(_ settings: OAuthSettings) throws {
        guard (1...16).contains(settings.maxActorChainDepth) else {
            throw invalid("oauth.maxActorChainDepth", "must be 1 to 16")
        }
        guard (1...86_400).contains(settings.exchangedTokenTTLSeconds) else {
            throw invalid("oauth.exchangedTokenTTLSeconds", "must be 1 to 86400")
        }
        guard (1...86_400).contains(settings.clientCredentialsTTLSeconds) else {
            throw invalid("oauth.clientCredentialsTTLSeconds", "must be 1 to 86400")
        }
    }

    private static func validateClient(_ client: OAuthClientConfig, path: String, config: DeploymentConfig) throws {
        guard client.secretSHA256.wholeMatch(of: #/[0-9a-fA-F]{64}/#) != nil else {
            throw invalid("\(path).secretSHA256", "must be 64 hex digits")
        }
        if let tenant = client.tenant, config.tenant(tenant) == nil {
            throw invalid("\(path).tenant", "unknown tenant `\(tenant)`")
        }
        for grant in client.grantTypes ?? [] where !OAuthClientConfig.knownGrantTypes.contains(grant) {
            throw invalid("\(path).grantTypes", "unknown grant type `\(grant)`")
        }
        for method in client.authMethods ?? [] where !OAuthClientConfig.knownAuthMethods.contains(method) {
            throw invalid("\(path).authMethods", "unknown authentication method `\(method)`")
        }
        if client.allows(grantType: OAuthClientConfig.clientCredentialsGrant) || client.workloads != nil,
            client.tenant == nil
        {
            throw invalid("\(path).tenant", "`client_credentials` and `workloads` need a tenant")
        }
        for workload in client.workloads ?? [] {
            guard let tenant = client.tenant.flatMap(config.tenant), tenant.hasWorkload(workload),
                config.agents.contains(where: { $0.id == workload })
            else { throw invalid("\(path).workloads", "`\(workload)` is not a workload of the client's tenant") }
        }
    }

    private static func invalid(_ path: String, _ what: String) -> ConfigError {
        ConfigError(code: "config.invalid", message: "`\(path)`: \(what)")
    }
}
