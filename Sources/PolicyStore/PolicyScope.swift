/// Whose policies: the platform's global set, or one tenant's own.
///
/// A scope is always derived from the verified caller (``PolicyCaller``) or the verified token of a request,
/// never from a request body, path or query.
public enum PolicyScope: Sendable, Hashable, CustomStringConvertible {
    /// Global policies, written by platform administrators and enforced for every tenant.
    case platform
    /// One tenant's own policies.
    case tenant(String)

    /// The qualifier that prefixes policy ids in decisions: `platform` or `tenant`.
    ///
    /// Tenant ids are deliberately not part of the qualifier: a decision only ever combines the platform layer
    /// with the caller's own tenant layer, so `tenant/<id>` is unambiguous and never names another tenant.
    public var qualifier: String {
        switch self {
        case .platform: "platform"
        case .tenant: "tenant"
        }
    }

    /// The tenant id, or nil for the platform scope.
    public var tenantID: String? {
        if case .tenant(let id) = self { return id }
        return nil
    }

    /// The key rows are stored under: `platform` or `tenant:<id>`.
    var storageKey: String {
        switch self {
        case .platform: "platform"
        case .tenant(let id): "tenant:" + id
        }
    }

    /// `platform` or `tenant`; tenant ids stay out of descriptions (they end up in logs and messages).
    public var description: String { qualifier }

    /// Qualifies a policy id of this scope for reporting, e.g. `tenant/allow-readers`.
    public func qualify(_ policyID: String) -> String { qualifier + "/" + policyID }

    /// Checks a tenant id as the store accepts it: 1–128 characters, no control characters.
    static func isValidTenantID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 128 && !id.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }
}
