/// Who is calling, as established by the server from a verified token — never from a body, header or filter.
public struct CallerScope: Sendable, Hashable {
    /// The caller's tenant.
    public let tenant: String
    /// The end user the call acts for (the token's subject).
    public let user: String
    /// The runtime session the token is bound to, if any; when set, the caller may reach only that session.
    public let session: String?

    /// Creates a scope from verified claims.
    ///
    /// - Throws: ``MemoryError/tenantRequired`` for an empty tenant, ``MemoryError/invalid(_:)`` for malformed ids.
    public init(tenant: String, user: String, session: String? = nil) throws(MemoryError) {
        guard !tenant.isEmpty else { throw .tenantRequired }
        self.tenant = try Identifier.require(tenant, "tenant")
        self.user = try Identifier.require(user, "user")
        self.session = try session.map { (value: String) throws(MemoryError) -> String in
            try Identifier.require(value, "session")
        }
    }
}
