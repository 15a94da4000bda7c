import AgentryCore
import Federation
import Foundation
import Tenancy

/// Turns every tenant's `federatedIssuers` (raw JSON in the configuration) into ``FederatedIssuerConfig``s bound
/// to that tenant.
///
/// An entry never names its tenant: `tenantID`/`tenantIDs` are refused and the binding is filled with the id of
/// the tenant whose list holds it, so one tenant's configuration can never let its provider speak for another.
/// When several tenants list the same issuer (one Cognito user pool serving many tenants, say), the entries are
/// merged into one issuer bound to all of them; every entry must then be identical apart from
/// `tenantClaimValues` and name a `tenantClaim`, which picks the tenant per token.
enum FederatedIssuerLoader {
    /// The decoded, merged and validated issuers.
    /// - Parameters:
    ///   - config: the deployment configuration.
    ///   - reserved: issuers that may not be federated (Agentry's own, static `trustedIssuers`).
    /// - Returns: one configuration per distinct issuer, in the order first listed.
    /// - Throws: `config.invalid` naming the field, e.g. `tenants[0].federatedIssuers[1].audiences`.
    static func load(_ config: DeploymentConfig, reserved: Set<String>) throws -> [FederatedIssuerConfig] {
        var merged: [String: (config: FederatedIssuerConfig, path: String)] = [:]
        var order: [String] = []
        for (tenantIndex, tenant) in config.tenants.enumerated() {
            for (index, raw) in (tenant.federatedIssuers ?? []).enumerated() {
                let path = "tenants[\(tenantIndex)].federatedIssuers[\(index)]"
                let entry = try decode(raw, tenant: tenant.id, path: path)
                guard !reserved.contains(entry.issuer) else {
                    throw invalid("\(path).issuer", "is Agentry's own issuer or a static trusted issuer")
                }
                if let earlier = merged[entry.issuer] {
                    merged[entry.issuer] = (
                        try merge(earlier.config, entry, path: path, earlierPath: earlier.path), path
                    )
                } else {
                    merged[entry.issuer] = (entry, path)
                    order.append(entry.issuer)
                }
            }
        }
        return order.compactMap { merged[$0]?.config }
    }

    /// Decodes one entry and binds it to `tenant`.
    private static func decode(_ raw: JSONValue, tenant: String, path: String) throws -> FederatedIssuerConfig {
        guard let object = raw.objectValue else { throw invalid(path, "must be a JSON object") }
        for field in ["tenantID", "tenantIDs"] where object[field] != nil {
            throw invalid("\(path).\(field)", "must be absent: the entry is bound to its own tenant")
        }
        var bound = object
        bound["tenantID"] = .string(tenant)
        let entry: FederatedIssuerConfig
        do {
            entry = try JSONDecoder().decode(FederatedIssuerConfig.self, from: JSONValue.object(bound).serialized())
        } catch let error as DecodingError {
            throw invalid(path + fieldPath(error), "is missing or has the wrong type")
        } catch let error as any AgentryError {
            throw invalid(path, error.message)
        }
        do {
            try entry.validate(path: path)
        } catch let error as FederationError {
            // The Federation message already names the field (`tenants[0].federatedIssuers[0].audiences` …).
            throw ConfigError(code: "config.invalid", message: error.message)
        }
        return entry
    }

    /// Merges a later tenant's entry for the same issuer into the earlier one.
    private static func merge(
        _ earlier: FederatedIssuerConfig,
        _ later: FederatedIssuerConfig,
        path: String,
        earlierPath: String
    ) throws -> FederatedIssuerConfig {
        guard earlier.tenant.claim != nil, later.tenant.claim == earlier.tenant.claim else {
            throw invalid(
                "\(path).tenantClaim",
                "must be set, and equal `\(earlierPath).tenantClaim`, when tenants share an issuer"
            )
        }
        guard try comparable(earlier) == comparable(later) else {
            throw invalid(path, "differs from `\(earlierPath)`, which names the same issuer")
        }
        var result = earlier
        let tenants =
            earlier.tenant.tenantIDs + later.tenant.tenantIDs.filter { !earlier.tenant.tenantIDs.contains($0) }
        var valueMap: [String: String]?
        if earlier.tenant.valueMap != nil || later.tenant.valueMap != nil {
            // A tenant without a map is selected by its own id as the claim value.
            var map: [String: String] = [:]
            for binding in [earlier.tenant, later.tenant] {
                let own = binding.valueMap ?? Dictionary(binding.tenantIDs.map { ($0, $0) }) { first, _ in first }
                for (value, tenant) in own {
                    if let other = map[value], other != tenant {
                        throw invalid("\(path).tenantClaimValues", "maps a claim value another tenant already uses")
                    }
                    map[value] = tenant
                }
            }
            valueMap = map
        }
        result.tenant = TenantBinding(tenantIDs: tenants, claim: earlier.tenant.claim, valueMap: valueMap)
        return result
    }

    /// The entry's JSON without its tenant fields, for comparing two tenants' entries.
    private static func comparable(_ config: FederatedIssuerConfig) throws -> JSONValue {
        var copy = config
        copy.tenant = TenantBinding(tenantIDs: [], claim: config.tenant.claim)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try JSONValue.parse(encoder.encode(copy))
    }

    private static func fieldPath(_ error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .keyNotFound(let key, let found):
            return "." + (found.codingPath + [key]).map(\.stringValue).joined(separator: ".")
        case .typeMismatch(_, let found), .valueNotFound(_, let found), .dataCorrupted(let found): context = found
        @unknown default: return ""
        }
        let names = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }
        return names.joined()
    }

    private static func invalid(_ path: String, _ what: String) -> ConfigError {
        ConfigError(code: "config.invalid", message: "`\(path)`: \(what)")
    }
}
