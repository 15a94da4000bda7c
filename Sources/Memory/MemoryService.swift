import AgentryCore
import Foundation

/// The Memory facade the HTTP layer calls for `/memories/{memoryId}/…`.
///
/// Every call takes the caller's ``CallerScope`` (built by the server from the verified token); tenant and user
/// always come from it, and client-supplied namespaces, sessions or user filters can only narrow it.
public struct MemoryService: Sendable {
    /// Tenant key of the platform store that holds `/global` and `/strategies/…` records.
    public static let platformTenant = "_platform"

    private let storeFor: @Sendable (String) throws -> MemoryStore
    private let policy: NamespacePolicy
    private let now: @Sendable () -> Date
    private let deleteBatchLimit: Int

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - storeFor: the store for a tenant id (silo tenants their own, pool tenants a shared one); see
    ///     ``MemoryStoreProvider``.
    ///   - policy: namespace rules.
    ///   - deleteBatchLimit: most rows one ``deleteAll(scope:forUser:memoryID:)`` call removes; default 100,000.
    ///   - now: the clock.
    public init(
        storeFor: @escaping @Sendable (String) throws -> MemoryStore,
        policy: NamespacePolicy = NamespacePolicy(),
        deleteBatchLimit: Int = 100_000,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.storeFor = storeFor
        self.policy = policy
        self.deleteBatchLimit = deleteBatchLimit
        self.now = now
    }

    /// Records an event in the caller's own session.
    ///
    /// - Throws: ``MemoryError`` `memory.invalid_request` for malformed ids or an empty conversational payload,
    ///   `memory.namespace_forbidden` when the scope is bound to another session.
    public func createEvent(
        scope: CallerScope,
        memoryID: String,
        sessionID: String,
        payload: EventPayload
    ) throws(MemoryError) -> MemoryEvent {
        try Identifier.require(memoryID, "memoryId")
        _ = try policy.authorizeSession(sessionID, scope: scope)
        if case .conversational(let turns) = payload, turns.isEmpty || turns.contains(where: { $0.role.isEmpty }) {
            throw .invalid("payload")
        }
        let event = MemoryEvent(
            eventID: "evt-" + Identifiers.hex(bytes: 12),
            memoryID: memoryID,
            actorID: scope.user,
            sessionID: sessionID,
            timestamp: now(),
            payload: payload
        )
        try store(scope.tenant).insertEvent(event, tenant: scope.tenant)
        return event
    }

    /// Lists the caller's own events in one session, newest first; `limit` is clamped to 1...1000.
    ///
    /// The session id never grants access by itself: another user's events in a session with the same id are
    /// simply not the caller's and are never returned.
    public func listEvents(
        scope: CallerScope,
        memoryID: String,
        sessionID: String,
        limit: Int = 100
    ) throws(MemoryError) -> [MemoryEvent] {
        try Identifier.require(memoryID, "memoryId")
        _ = try policy.authorizeSession(sessionID, scope: scope)
        return try store(scope.tenant).events(
            tenant: scope.tenant,
            memoryID: memoryID,
            actorID: scope.user,
            sessionID: sessionID,
            limit: min(max(limit, 1), 1000)
        )
    }

    /// Stores a long-term record under one of the caller's own namespaces.
    ///
    /// - Throws: `memory.namespace_forbidden` for any namespace outside the caller's user or sessions,
    ///   `memory.invalid_request` for empty content.
    public func putRecord(
        scope: CallerScope,
        memoryID: String,
        namespace: String,
        content: String
    ) throws(MemoryError) -> MemoryRecord {
        try Identifier.require(memoryID, "memoryId")
        let target = try policy.authorizeWrite(namespace, scope: scope)
        guard !content.isEmpty else { throw .invalid("content") }
        return try insertRecord(memoryID: memoryID, namespace: target, content: content, tenant: scope.tenant)
    }

    /// Stores a `/global` or `/strategies/…` record in the platform store. Operator-only: never wire this to a
    /// tenant-facing route.
    public func putPlatformRecord(
        memoryID: String,
        namespace: String,
        content: String
    ) throws(MemoryError)
        -> MemoryRecord
    {
        try Identifier.require(memoryID, "memoryId")
        let target = try Namespace(parsing: namespace)
        guard target.isPlatformWide, !content.isEmpty else { throw .namespaceForbidden }
        return try insertRecord(memoryID: memoryID, namespace: target, content: content, tenant: Self.platformTenant)
    }

    /// Writes a new record to `tenant`'s store; callers have already authorised the namespace.
    private func insertRecord(
        memoryID: String,
        namespace: Namespace,
        content: String,
        tenant: String
    )
        throws(MemoryError) -> MemoryRecord
    {
        let record = MemoryRecord(
            recordID: "mem-" + Identifiers.hex(bytes: 12),
            memoryID: memoryID,
            namespace: namespace,
            content: content,
            created: now()
        )
        try store(tenant).insertRecord(record, tenant: tenant)
        return record
    }

    /// Retrieves the caller-visible records of one namespace (default: the caller's user namespace, including its
    /// sessions), ranked by keyword overlap with `query`; `topK` is clamped to 1...100.
    ///
    /// Tenant-wide and platform namespaces match exactly, so they never expose another user's records.
    public func retrieveRecords(
        scope: CallerScope,
        memoryID: String,
        namespace: String?,
        query: String,
        topK: Int = 10
    ) throws(MemoryError) -> [ScoredRecord] {
        try Identifier.require(memoryID, "memoryId")
        let target = try policy.authorizeRead(namespace, scope: scope)
        let tenant = target.isPlatformWide ? Self.platformTenant : scope.tenant
        let candidates = try store(tenant).records(
            tenant: tenant,
            memoryID: memoryID,
            namespace: target,
            includeDescendants: target.owner != nil,
            limit: 2000
        )
        return KeywordScorer(query: query).rank(candidates, topK: min(max(topK, 1), 100))
    }

    /// Deletes every event and user-owned record of one user — the caller itself — in this tenant.
    ///
    /// - Parameters:
    ///   - scope: the verified caller.
    ///   - forUser: must be exactly the caller's user id.
    ///   - memoryID: limit to one memory; nil deletes across the tenant's memories.
    /// - Returns: counts and `complete`, which is false only when more than the batch limit remained (call again).
    /// - Throws: `memory.filter_too_broad` (400) for an empty or wildcard user (`""`, `"*"`, `"{}"`, …),
    ///   `memory.namespace_forbidden` (403) for any other user.
    public func deleteAll(
        scope: CallerScope,
        forUser: String,
        memoryID: String? = nil
    ) throws(MemoryError)
        -> MemoryDeletion
    {
        guard Identifier.isValid(forUser) else { throw .filterTooBroad }
        guard forUser == scope.user else { throw .namespaceForbidden }
        if let memoryID { try Identifier.require(memoryID, "memoryId") }
        return try store(scope.tenant).deleteUserData(
            tenant: scope.tenant,
            actorID: forUser,
            memoryID: memoryID,
            limit: deleteBatchLimit
        )
    }

    private func store(_ tenant: String) throws(MemoryError) -> MemoryStore {
        guard !tenant.isEmpty else { throw .tenantRequired }
        do {
            return try storeFor(tenant)
        } catch let error as MemoryError {
            throw error
        } catch {
            throw .storeFailed
        }
    }
}
