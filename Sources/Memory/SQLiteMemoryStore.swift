import AgentryCore
import Foundation
import Storage

/// ``MemoryStore`` on one SQLite file (a silo tenant's own, or the pool's shared one).
///
/// Every row carries `tenant_id` (with a `CHECK` that it is not empty) and every statement filters by it, so a pool
/// file shared by many tenants never answers across them.
public final class SQLiteMemoryStore: MemoryStore {
    private let database: SQLiteDatabase

    /// Schema steps, run once each in order.
    static let migrations = [
        """
        CREATE TABLE memory_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
            tenant_id TEXT NOT NULL CHECK (tenant_id <> ''), memory_id TEXT NOT NULL, actor_id TEXT NOT NULL,
            session_id TEXT NOT NULL, created REAL NOT NULL, payload TEXT NOT NULL);
        CREATE INDEX memory_events_scope ON memory_events (tenant_id, memory_id, actor_id, session_id, created);
        CREATE TABLE memory_records (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL UNIQUE,
            tenant_id TEXT NOT NULL CHECK (tenant_id <> ''), memory_id TEXT NOT NULL, namespace TEXT NOT NULL,
            owner_id TEXT, content TEXT NOT NULL, created REAL NOT NULL);
        CREATE INDEX memory_records_namespace ON memory_records (tenant_id, memory_id, namespace);
        CREATE INDEX memory_records_owner ON memory_records (tenant_id, owner_id)
        """
    ]

    /// Opens (creating if needed) the store at `path`; `:memory:` gives a private in-memory store.
    ///
    /// - Throws: ``MemoryError/storeFailed`` when the file cannot be opened or migrated.
    public init(path: String) throws(MemoryError) {
        do {
            database = try SQLiteDatabase(path: path, migrations: Self.migrations)
        } catch {
            throw .storeFailed
        }
    }

    /// Stores one event; see ``MemoryStore/insertEvent(_:tenant:)``.
    public func insertEvent(_ event: MemoryEvent, tenant: String) throws(MemoryError) {
        let tenant = try checkedTenant(tenant)
        try run(
            "INSERT INTO memory_events (event_id, tenant_id, memory_id, actor_id, session_id, created, payload) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                .text(event.eventID), .text(tenant), .text(event.memoryID), .text(event.actorID),
                .text(event.sessionID), .real(event.timestamp.timeIntervalSince1970),
                .text(event.payload.json.serializedString()),
            ]
        )
    }

    /// One user's session events, newest first; see ``MemoryStore/events(tenant:memoryID:actorID:sessionID:limit:)``.
    public func events(
        tenant: String,
        memoryID: String,
        actorID: String,
        sessionID: String,
        limit: Int
    ) throws(MemoryError) -> [MemoryEvent] {
        let tenant = try checkedTenant(tenant)
        let rows = try run(
            "SELECT event_id, created, payload FROM memory_events WHERE tenant_id = ? AND memory_id = ? "
                + "AND actor_id = ? AND session_id = ? ORDER BY created DESC, seq DESC LIMIT ?",
            [.text(tenant), .text(memoryID), .text(actorID), .text(sessionID), .int(max(0, limit))]
        )
        return try rows.map { (row: SQLRow) throws(MemoryError) -> MemoryEvent in
            guard let id = row.string("event_id"), let created = row.double("created"),
                let text = row.string("payload"), let json = try? JSONValue.parse(text)
            else { throw .storeFailed }
            return MemoryEvent(
                eventID: id,
                memoryID: memoryID,
                actorID: actorID,
                sessionID: sessionID,
                timestamp: Date(timeIntervalSince1970: created),
                payload: try EventPayload(json: json)
            )
        }
    }

    /// Stores one record; see ``MemoryStore/insertRecord(_:tenant:)``.
    public func insertRecord(_ record: MemoryRecord, tenant: String) throws(MemoryError) {
        let tenant = try checkedTenant(tenant)
        try run(
            "INSERT INTO memory_records (record_id, tenant_id, memory_id, namespace, owner_id, content, created) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                .text(record.recordID), .text(tenant), .text(record.memoryID), .text(record.namespace.path),
                .optionalText(record.namespace.owner), .text(record.content),
                .real(record.created.timeIntervalSince1970),
            ]
        )
    }

    /// Records of one namespace, newest first; see the ``MemoryStore`` requirement.
    public func records(
        tenant: String,
        memoryID: String,
        namespace: Namespace,
        includeDescendants: Bool,
        limit: Int
    ) throws(MemoryError) -> [MemoryRecord] {
        let tenant = try checkedTenant(tenant)
        // Descendants are matched by exact prefix comparison, not LIKE, so `_` and `%` in ids stay literal.
        let prefix = namespace.path + "/"
        let rows = try run(
            "SELECT record_id, namespace, content, created FROM memory_records WHERE tenant_id = ? AND memory_id = ? "
                + "AND (namespace = ? OR (? AND substr(namespace, 1, ?) = ?)) ORDER BY created DESC, seq DESC LIMIT ?",
            [
                .text(tenant), .text(memoryID), .text(namespace.path), .int(includeDescendants ? 1 : 0),
                .int(prefix.utf8.count), .text(prefix), .int(max(0, limit)),
            ]
        )
        return try rows.map { (row: SQLRow) throws(MemoryError) -> MemoryRecord in
            guard let id = row.string("record_id"), let path = row.string("namespace"),
                let content = row.string("content"), let created = row.double("created")
            else { throw .storeFailed }
            return MemoryRecord(
                recordID: id,
                memoryID: memoryID,
                namespace: try Namespace(parsing: path),
                content: content,
                created: Date(timeIntervalSince1970: created)
            )
        }
    }

    /// Deletes one user's data in bounded batches inside one transaction; see the ``MemoryStore`` requirement.
    public func deleteUserData(
        tenant: String,
        actorID: String,
        memoryID: String?,
        limit: Int
    ) throws(MemoryError) -> MemoryDeletion {
        let tenant = try checkedTenant(tenant)
        let actor = try checkedActor(actorID)
        let memoryFilter = memoryID == nil ? "" : " AND memory_id = ?"
        let memoryParameter: [SQLValue] = memoryID.map { [.text($0)] } ?? []
        let limit = max(1, limit)
        do {
            return try database.transaction { tx in
                // Delete by rowid in bounded batches so one call never runs unbounded; report what is left.
                try tx.query(
                    "DELETE FROM memory_events WHERE seq IN (SELECT seq FROM memory_events WHERE tenant_id = ? "
                        + "AND actor_id = ?\(memoryFilter) LIMIT ?)",
                    [.text(tenant), .text(actor)] + memoryParameter + [.int(limit)]
                )
                let events = tx.changes()
                try tx.query(
                    "DELETE FROM memory_records WHERE seq IN (SELECT seq FROM memory_records WHERE tenant_id = ? "
                        + "AND owner_id = ?\(memoryFilter) LIMIT ?)",
                    [.text(tenant), .text(actor)] + memoryParameter + [.int(max(0, limit - events))]
                )
                let records = tx.changes()
                let left = try tx.query(
                    "SELECT (SELECT count(*) FROM memory_events WHERE tenant_id = ? AND actor_id = ?\(memoryFilter)) "
                        + "+ (SELECT count(*) FROM memory_records WHERE tenant_id = ? AND owner_id = ?\(memoryFilter)) "
                        + "AS n",
                    [.text(tenant), .text(actor)] + memoryParameter + [.text(tenant), .text(actor)] + memoryParameter
                )
                return MemoryDeletion(events: events, records: records, complete: (left.first?.int("n") ?? 1) == 0)
            }
        } catch {
            throw .storeFailed
        }
    }

    /// Events plus user-owned records of one user in one tenant.
    public func count(tenant: String, actorID: String) throws(MemoryError) -> Int {
        let tenant = try checkedTenant(tenant)
        let rows = try run(
            "SELECT (SELECT count(*) FROM memory_events WHERE tenant_id = ? AND actor_id = ?) "
                + "+ (SELECT count(*) FROM memory_records WHERE tenant_id = ? AND owner_id = ?) AS n",
            [.text(tenant), .text(actorID), .text(tenant), .text(actorID)]
        )
        return rows.first?.int("n") ?? 0
    }

    @discardableResult
    private func run(_ sql: String, _ parameters: [SQLValue]) throws(MemoryError) -> [SQLRow] {
        do {
            return try database.query(sql, parameters)
        } catch {
            throw .storeFailed
        }
    }
}
