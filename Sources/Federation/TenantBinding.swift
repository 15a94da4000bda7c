import AgentryCore

/// Which Agentry tenants an issuer may act for, and how a token's claim picks one of them.
public struct TenantBinding: Sendable, Hashable, Codable {
    /// The Agentry tenants the issuer is bound to; never empty.
    public var tenantIDs: [String]
    /// The top-level claim naming the tenant (`custom:tenant_id` for Cognito, `tid` for Entra), or nil when the
    /// issuer serves exactly one tenant and tokens carry no tenant claim.
    public var claim: String?
    /// Claim value → Agentry tenant id. When nil, the claim value must itself be one of ``tenantIDs``.
    public var valueMap: [String: String]?

    /// Creates a binding.
    public init(tenantIDs: [String], claim: String? = nil, valueMap: [String: String]? = nil) {
        self.tenantIDs = tenantIDs
        self.claim = claim
        self.valueMap = valueMap
    }

    /// The Agentry tenant a verified payload belongs to.
    /// - Throws: `federation.tenant_mismatch` when the claim is missing, not a string, unmapped, or maps outside
    ///   ``tenantIDs``.
    public func resolve(_ payload: [String: JSONValue]) throws -> String {
        guard let claim else {
            guard tenantIDs.count == 1, let only = tenantIDs.first else { throw FederationError.tenantMismatch }
            return only
        }
        guard let value = payload[claim]?.stringValue, !value.isEmpty else { throw FederationError.tenantMismatch }
        let tenant: String?
        if let valueMap {
            tenant = valueMap.first { $0.key.utf8.elementsEqual(value.utf8) }?.value
        } else {
            tenant = value
        }
        guard let tenant, tenantIDs.contains(where: { $0.utf8.elementsEqual(tenant.utf8) }) else {
            throw FederationError.tenantMismatch
        }
        return tenant
    }

    /// Checks the binding; `path` prefixes field names in errors.
    func validate(path: String) throws {
        guard !tenantIDs.isEmpty, !tenantIDs.contains(where: \.isEmpty) else {
            throw FederationError.configInvalid("\(path).tenantIDs", "must name at least one tenant")
        }
        if claim == nil, tenantIDs.count != 1 {
            throw FederationError.configInvalid("\(path).tenantClaim", "is required when several tenants are bound")
        }
        if claim?.isEmpty == true { throw FederationError.configInvalid("\(path).tenantClaim", "must not be empty") }
        if let valueMap, valueMap.values.contains(where: { !tenantIDs.contains($0) }) {
            throw FederationError.configInvalid("\(path).tenantClaimValues", "maps to a tenant that is not bound")
        }
    }
}
