import AgentryCore
import Foundation
import Storage
import Synchronization

/// Revoked token ids and consumed one-time token ids, each kept until the token would have expired anyway.
///
/// Persisted in SQLite (`revocations.sqlite` in the data directory) so a restart forgets nothing, and mirrored
/// in memory so the check on every request costs a set lookup. Keys are `<iss>|<jti>` (or `<iss>|sha256:<hex>`
/// for a token without `jti`), so one issuer's ids can never collide with another's.
final class RevocationStore: Sendable {
    private let database: SQLiteDatabase
    private let revoked: Mutex<[String: Date]>
    private let clock: @Sendable () -> Date

    /// The schema step that creates both tables.
    static let migration = """
        CREATE TABLE IF NOT EXISTS revoked_tokens (token_key TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
            expires_at REAL NOT NULL, revoked_at REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS consumed_tokens (token_key TEXT PRIMARY KEY, expires_at REAL NOT NULL)
        """

    /// Opens (or creates) the store at `path` (`:memory:` for tests) and loads the unexpired revocations.
    init(path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        database = try SQLiteDatabase(path: path, migrations: [Self.migration])
        self.clock = clock
        let now = clock().timeIntervalSince1970
        try database.execute("DELETE FROM revoked_tokens WHERE expires_at <= ?", [.real(now)])
        try database.execute("DELETE FROM consumed_tokens WHERE expires_at <= ?", [.real(now)])
        let rows = try database.query("SELECT token_key, expires_at FROM revoked_tokens")
        var entries: [String: Date] = [:]
        for row in rows {
            guard let key = row.string("token_key"), let expiry = row.double("expires_at") else { continue }
            entries[key] = Date(timeIntervalSince1970: expiry)
        }
        revoked = Mutex(entries)
    }

    /// Records `key` as revoked until `expiresAt` (a no-op if it already is); forgets expired entries first.
    func revoke(_ key: String, tenant: String, expiresAt: Date) throws {
        try purgeExpired()
        try database.execute(
            "INSERT OR IGNORE INTO revoked_tokens (token_key, tenant_id, expires_at, revoked_at) VALUES (?, ?, ?, ?)",
            [.text(key), .text(tenant), .real(expiresAt.timeIntervalSince1970), .real(clock().timeIntervalSince1970)]
        )
        revoked.withLock { $0[key] = expiresAt }
    }

    /// Whether `key` is revoked.
    func isRevoked(_ key: String) -> Bool {
        revoked.withLock { $0[key] != nil }
    }

    /// Marks a one-time token as used. Returns true the first time, false on every later attempt (a replay).
    func consume(_ key: String, expiresAt: Date) throws -> Bool {
        try database.transaction { tx in
            let seen = try tx.query("SELECT 1 FROM consumed_tokens WHERE token_key = ?", [.text(key)])
            guard seen.isEmpty else { return false }
            _ = try tx.query(
                "INSERT INTO consumed_tokens (token_key, expires_at) VALUES (?, ?)",
                [.text(key), .real(expiresAt.timeIntervalSince1970)]
            )
            return true
        }
    }

    /// Forgets revocations and consumptions of tokens that have expired.
    func purgeExpired() throws {
        let now = clock()
        try database.execute("DELETE FROM revoked_tokens WHERE expires_at <= ?", [.real(now.timeIntervalSince1970)])
        try database.execute("DELETE FROM consumed_tokens WHERE expires_at <= ?", [.real(now.timeIntervalSince1970)])
        revoked.withLock { entries in entries = entries.filter { $0.value > now } }
    }
}
