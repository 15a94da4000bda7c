import AgentryCore
import Foundation
import Storage

/// Per-tenant Cedar policy stores: the platform's global policies and each tenant's own, versioned in SQLite,
/// changed through ``administration`` and enforced through ``engine``.
///
/// Both share one cache of parsed policy sets, which every change made through ``administration`` invalidates.
/// Several processes sharing one database file see each other's changes only after ``invalidateCache()``.
public final class PolicyStore: Sendable {
    /// Reads and changes policies, keyed by the calling administrator's scope.
    public let administration: PolicyAdministration
    /// Decides requests over the platform and tenant layers.
    public let engine: LayeredPolicyEngine

    private let cache: PolicyCache
    private let decisionLog: DecisionLogBuffer

    /// Opens the store in `database`, creating its tables (`policy_versions`, `policy_heads`, `policy_audit`,
    /// `policy_decisions`) if they are missing.
    ///
    /// - Parameters:
    ///   - database: the SQLite database to keep policies in.
    ///   - validator: checks policies against the scope's schema before a change takes effect.
    ///   - decisionLogBatch: decision records held in memory before a batch write (default 64).
    ///   - clock: the time source for versions, audit rows and decisions.
    /// - Throws: `policy.storage_failed` when the tables cannot be created.
    public init(
        database: SQLiteDatabase,
        validator: any PolicyValidating = AcceptingValidator(),
        decisionLogBatch: Int = 64,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(PolicyStoreError) {
        let repository: PolicyRepository
        do {
            repository = try PolicyRepository(database: database)
        } catch {
            throw .storage()
        }
        cache = PolicyCache(repository: repository)
        decisionLog = DecisionLogBuffer(repository: repository, capacity: decisionLogBatch)
        engine = LayeredPolicyEngine(cache: cache, decisionLog: decisionLog, clock: clock)
        administration = PolicyAdministration(
            repository: repository,
            cache: cache,
            decisionLog: decisionLog,
            validator: validator,
            clock: clock
        )
    }

    /// Opens (creating if needed) the database file at `path` — `:memory:` for a private in-memory store — and
    /// the store in it.
    public convenience init(
        path: String,
        validator: any PolicyValidating = AcceptingValidator()
    ) throws(PolicyStoreError) {
        let database: SQLiteDatabase
        do {
            database = try SQLiteDatabase(path: path)
        } catch {
            throw .storage()
        }
        try self.init(database: database, validator: validator)
    }

    /// Writes decision records still held in memory (call at shutdown).
    public func flushDecisionLog() { decisionLog.flush() }

    /// Forgets every cached scope head, so the next decision rereads it (for changes made by another process).
    public func invalidateCache() { cache.invalidateAll() }

    /// How many scope heads were read and versions parsed since the store opened (warm decisions add none).
    public var cacheLoads: (heads: Int, versions: Int) { cache.loads }
}
