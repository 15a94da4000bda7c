/// The authenticated administrator calling the policy API, as the server establishes it from a verified token.
///
/// The caller's ``scope`` is the only scope any ``PolicyAdministration`` call reads or writes: no method takes a
/// tenant id from elsewhere, so a tenant administrator can reach nothing but their own tenant's policies.
public struct PolicyCaller: Sendable, Hashable {
    /// The scope the caller administers.
    public let scope: PolicyScope
    /// Who acts, e.g. `acme/alice` — a principal name recorded in versions and the audit log, never a token.
    public let actor: String

    private init(scope: PolicyScope, actor: String) {
        self.scope = scope
        self.actor = actor
    }

    /// An administrator of one tenant's policies.
    ///
    /// - Throws: `policy.forbidden` when the tenant id is empty, longer than 128 characters or holds control
    ///   characters, or when the actor is not a valid principal name.
    public static func tenantAdmin(tenant: String, actor: String) throws(PolicyStoreError) -> PolicyCaller {
        guard PolicyScope.isValidTenantID(tenant) else { throw .forbidden("a tenant is required") }
        return PolicyCaller(scope: .tenant(tenant), actor: try checkedActor(actor))
    }

    /// An administrator of the platform's global policies.
    ///
    /// - Throws: `policy.forbidden` when the actor is not a valid principal name.
    public static func platformAdmin(actor: String) throws(PolicyStoreError) -> PolicyCaller {
        PolicyCaller(scope: .platform, actor: try checkedActor(actor))
    }

    private static func checkedActor(_ actor: String) throws(PolicyStoreError) -> String {
        let valid =
            !actor.isEmpty && actor.count <= 256
            && !actor.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        guard valid else { throw .forbidden("an actor is required") }
        return actor
    }
}
