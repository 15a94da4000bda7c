import AgentryCore
import CSQLite
import Foundation
import Synchronization

/// One SQLite database file, opened in WAL mode with foreign keys on and a busy timeout.
///
/// All access goes through one connection guarded by a mutex: SQLite serialises writers anyway, and statements
/// here are short. Long-running work never holds the lock across an `await`.
public final class SQLiteDatabase: Sendable {
    /// The file this database lives in (`:memory:` for a private in-memory database).
    public let path: String

    private let connection: Mutex<Handle>

    /// The raw connection pointer.
    // INVARIANT: only dereferenced while `connection`'s lock is held, and closed once in `deinit`, so sending it
    // into the mutex cannot race.
    private struct Handle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// Opens (creating if needed) the database at `path` and runs `migrations` that have not run yet.
    ///
    /// - Parameters:
    ///   - path: file path, or `:memory:`.
    ///   - migrations: numbered schema steps; step *n* runs once, in order, inside a transaction.
    /// - Throws: ``StorageError`` with `storage.open_failed` or `storage.migration_failed`.
    public init(path: String, migrations: [String] = []) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            sqlite3_close(handle)
            throw StorageError(code: "storage.open_failed", message: "cannot open database file")
        }
        self.path = path
        self.connection = Mutex(Handle(pointer: handle))
        sqlite3_busy_timeout(handle, 5_000)
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = NORMAL")
        try execute("PRAGMA foreign_keys = ON")
        try migrate(migrations)
    }

    deinit {
        connection.withLock { handle in _ = sqlite3_close_v2(handle.pointer) }
    }

    /// Runs one statement that returns no rows.
    public func execute(_ sql: String, _ parameters: [SQLValue] = []) throws {
        _ = try query(sql, parameters)
    }

    /// Runs one statement and returns every row it yields.
    public func query(_ sql: String, _ parameters: [SQLValue] = []) throws -> [SQLRow] {
        try connection.withLock { handle in try Self.run(handle.pointer, sql, parameters) }
    }

    /// Number of rows changed by the last statement on this connection.
    public func changes() -> Int {
        connection.withLock { Int(sqlite3_changes($0.pointer)) }
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
    ///
    /// The body receives a ``Transaction`` that runs statements on the locked connection, so nothing else
    /// interleaves and nothing is half-written.
    public func transaction<T>(_ body: (Transaction) throws -> T) throws -> T {
        try connection.withLock { locked in
            let handle = locked.pointer
            _ = try Self.run(handle, "BEGIN IMMEDIATE", [])
            do {
                let result = try body(Transaction(handle: handle))
                _ = try Self.run(handle, "COMMIT", [])
                return result
            } catch {
                _ = try? Self.run(handle, "ROLLBACK", [])
                throw error
            }
        }
    }

    /// Statement access inside ``SQLiteDatabase/transaction(_:)``.
    public struct Transaction {
        fileprivate let handle: OpaquePointer

        /// Runs one statement and returns its rows.
        @discardableResult
        public func query(_ sql: String, _ parameters: [SQLValue] = []) throws -> [SQLRow] {
            try SQLiteDatabase.run(handle, sql, parameters)
        }

        /// Number of rows changed by the last statement.
        public func changes() -> Int { Int(sqlite3_changes(handle)) }
    }

    private func migrate(_ migrations: [String]) throws {
        try execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)")
        let done = Set(try query("SELECT version FROM schema_migrations").compactMap { $0.int("version") })
        for (index, sql) in migrations.enumerated() where !done.contains(index + 1) {
            do {
                try transaction { tx in
                    for statement in sql.split(separator: ";").map({
                        $0.trimmingCharacters(in: .whitespacesAndNewlines)
                    })
                    where !statement.isEmpty {
                        try tx.query(statement)
                    }
                    try tx.query("INSERT INTO schema_migrations (version) VALUES (?)", [.int(index + 1)])
                }
            } catch {
                throw StorageError(code: "storage.migration_failed", message: "migration \(index + 1) failed")
            }
        }
    }
}
