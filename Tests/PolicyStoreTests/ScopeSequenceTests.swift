import Authorization
import Foundation
import PolicyStore
import Storage
import Testing

/// Audit and decision-log sequence numbers are per scope, so a tenant cannot count other tenants' changes or
/// decisions from gaps in its own numbers (red-team finding: the numbers were global rowids).
@Suite("per-scope log sequence numbers")
struct ScopeSequenceTests {
    static let forbidRetrieve = "@id(\"no-retrieve\")\nforbid (principal, action == Action::\"Retrieve\", resource);"

    @Test("interleaved changes of two tenants number each tenant's audit rows 1, 2, 3…")
    func auditPerScope() throws {
        let store = try Fixtures.memoryStore()
        let (acme, globex) = (try Fixtures.acmeAdmin, try Fixtures.globexAdmin)
        for round in 0..<3 {
            try Fixtures.publish(store, Fixtures.tenantPermits + "\n// \(round)", by: acme)
            try Fixtures.publish(store, Fixtures.tenantPermits + "\n// g\(round)", by: globex)
            try Fixtures.publish(store, Fixtures.tenantPermits + "\n// h\(round)", by: globex)
        }
        let admin = store.administration
        #expect(try admin.audit(LogQuery(), for: acme).map(\.sequence) == [1, 2, 3])
        #expect(try admin.audit(LogQuery(), for: globex).map(\.sequence) == [1, 2, 3, 4, 5, 6])
        #expect(try admin.audit(LogQuery(after: 2, limit: 2), for: globex).map(\.sequence) == [3, 4])
        #expect(try admin.audit(LogQuery(after: 3), for: acme).isEmpty)
    }

    @Test("interleaved decisions of two tenants number each tenant's decision log 1, 2, 3…")
    func decisionsPerScope() throws {
        let store = try Fixtures.memoryStore()
        let (acme, globex) = (try Fixtures.acmeAdmin, try Fixtures.globexAdmin)
        for caller in [acme, globex] {
            try Fixtures.publish(store, Fixtures.tenantPermits + "\n" + Self.forbidRetrieve, by: caller)
            _ = try store.administration.setMode(ModeRequest(mode: .logOnly), by: caller)
        }
        for _ in 0..<5 {
            _ = Fixtures.decide(store, "Retrieve")
            _ = Fixtures.decide(store, "Retrieve", tenant: "globex")
            _ = Fixtures.decide(store, "Retrieve", tenant: "globex")
        }
        store.flushDecisionLog()
        let admin = store.administration
        #expect(try admin.decisions(LogQuery(), for: acme).map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(try admin.decisions(LogQuery(), for: globex).map(\.sequence) == Array(1...10))
        #expect(try admin.decisions(LogQuery(after: 8), for: globex).map(\.sequence) == [9, 10])
    }

    @Test("a database from before per-scope numbers is migrated in order and keeps counting")
    func migration() throws {
        let path = try Fixtures.temporaryDatabasePath()
        let old = try SQLiteDatabase(path: path)
        try old.execute(
            """
            CREATE TABLE policy_audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, scope TEXT NOT NULL,
            actor TEXT NOT NULL, action TEXT NOT NULL, version INTEGER, content_hash TEXT, outcome TEXT NOT NULL,
            code TEXT NOT NULL, detail TEXT NOT NULL, at REAL NOT NULL)
            """
        )
        try old.execute(
            """
            CREATE TRIGGER policy_audit_no_update BEFORE UPDATE ON policy_audit
            BEGIN SELECT RAISE(ABORT, 'policy_audit is append-only'); END
            """
        )
        for (index, scope) in ["tenant:acme", "tenant:globex", "tenant:globex", "tenant:acme", "platform"].enumerated()
        {
            try old.execute(
                """
                INSERT INTO policy_audit (scope, actor, action, outcome, code, detail, at)
                VALUES (?, 'x', 'publish', 'rejected', 'policy.invalid', ?, 0)
                """,
                [.text(scope), .text("row\(index)")]
            )
        }

        let store = try PolicyStore(database: SQLiteDatabase(path: path))
        let admin = store.administration
        let acmeRows = try admin.audit(LogQuery(), for: try Fixtures.acmeAdmin)
        #expect(acmeRows.map(\.sequence) == [1, 2])
        #expect(acmeRows.map(\.detail) == ["row0", "row3"])
        #expect(try admin.audit(LogQuery(), for: try Fixtures.globexAdmin).map(\.detail) == ["row1", "row2"])

        // New rows continue each scope's numbering, and the audit log is still append-only.
        try Fixtures.publish(store, Fixtures.tenantPermits, by: try Fixtures.acmeAdmin)
        #expect(try admin.audit(LogQuery(), for: try Fixtures.acmeAdmin).map(\.sequence) == [1, 2, 3])
        let database = try SQLiteDatabase(path: path)
        #expect(throws: (any Error).self) { try database.execute("UPDATE policy_audit SET detail = 'changed'") }

        // Opening again changes nothing.
        _ = try PolicyStore(database: database)
        #expect(try admin.audit(LogQuery(), for: try Fixtures.acmeAdmin).map(\.sequence) == [1, 2, 3])
    }
}
