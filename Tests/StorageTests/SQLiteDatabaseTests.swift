import Foundation
import Storage
import Testing

@Suite("SQLiteDatabase")
struct SQLiteDatabaseTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("agentry-\(UUID().uuidString).sqlite").path
    }

    @Test("runs each migration once, even across reopen")
    func migrationsRunOnce() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let migrations = ["CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"]
        do {
            let db = try SQLiteDatabase(path: path, migrations: migrations)
            try db.execute("INSERT INTO t (name) VALUES (?)", ["a"])
        }
        let reopened = try SQLiteDatabase(path: path, migrations: migrations + ["ALTER TABLE t ADD COLUMN x INTEGER"])
        let rows = try reopened.query("SELECT name, x FROM t")
        #expect(rows.count == 1)
        #expect(rows[0].string("name") == "a")
        #expect(rows[0]["x"] == .null)
    }

    @Test("rolls back a transaction whose body throws, leaving nothing half-written")
    func rollsBack() throws {
        let db = try SQLiteDatabase(path: ":memory:", migrations: ["CREATE TABLE t (v INTEGER)"])
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction { tx in
                try tx.query("INSERT INTO t (v) VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.query("SELECT count(*) AS n FROM t")[0].int("n") == 0)
    }

    @Test("round-trips every value type through bound parameters")
    func roundTrips() throws {
        let db = try SQLiteDatabase(path: ":memory:", migrations: ["CREATE TABLE t (i, r, s, b, n)"])
        let blob = Data([0, 1, 2, 255])
        try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [.integer(42), .real(1.5), "it's", .blob(blob), .null])
        let row = try db.query("SELECT * FROM t")[0]
        #expect(row.int("i") == 42)
        #expect(row.double("r") == 1.5)
        #expect(row.string("s") == "it's")
        #expect(row.data("b") == blob)
        #expect(row["n"] == .null)
    }

    @Test("reports constraint violations with a stable code")
    func constraintCode() throws {
        let db = try SQLiteDatabase(path: ":memory:", migrations: ["CREATE TABLE t (k TEXT PRIMARY KEY)"])
        try db.execute("INSERT INTO t VALUES ('a')")
        do {
            try db.execute("INSERT INTO t VALUES ('a')")
            Issue.record("expected a constraint error")
        } catch let error as StorageError {
            #expect(error.code == "storage.constraint")
        }
    }
}
