/// Persistence for memory, always addressed by tenant.
///
/// Every method takes the tenant explicitly and every implementation filters by it; an empty tenant is rejected
/// with ``MemoryError/tenantRequired``, never defaulted. There is deliberately no store-wide reset here: wiping a
/// whole store is an operator action on the file, not something a tenant request can reach.
public protocol MemoryStore: Sendable {
    /// Stores one event.
    func insertEvent(_ event: MemoryEvent, tenant: String) throws(MemoryError)

    /// Events of one user's session in one memory, newest first, at most `limit`.
    func events(
        tenant: String,
        memoryID: String,
        actorID: String,
        sessionID: String,
        limit: Int
    ) throws(MemoryError) -> [MemoryEvent]

    /// Stores one record; `owner` is the user of a user or session namespace, nil for tenant or platform ones.
    func insertRecord(_ record: MemoryRecord, tenant: String) throws(MemoryError)

    /// Records of one memory whose namespace is `namespace` or, when `includeDescendants`, lies under it;
    /// newest first, at most `limit`.
    func records(
        tenant: String,
        memoryID: String,
        namespace: Namespace,
        includeDescendants: Bool,
        limit: Int
    ) throws(MemoryError) -> [MemoryRecord]

    /// Deletes every event and user-owned record of exactly one user (in one memory, or all when nil), at most
    /// `limit` rows; reports whether anything is left.
    ///
    /// - Throws: ``MemoryError/filterTooBroad`` when `actorID` is not a single well-formed user id.
    func deleteUserData(
        tenant: String,
        actorID: String,
        memoryID: String?,
        limit: Int
    ) throws(MemoryError)
        -> MemoryDeletion

    /// Number of events plus records owned by one user, for audits and tests.
    func count(tenant: String, actorID: String) throws(MemoryError) -> Int
}

extension MemoryStore {
    /// Rejects an empty tenant and returns it.
    func checkedTenant(_ tenant: String) throws(MemoryError) -> String {
        guard !tenant.isEmpty else { throw .tenantRequired }
        return tenant
    }

    /// Rejects anything but one well-formed user id: empty, `*`, `{}`, `%` and the like are too broad.
    func checkedActor(_ actorID: String) throws(MemoryError) -> String {
        guard Identifier.isValid(actorID) else { throw .filterTooBroad }
        return actorID
    }
}
