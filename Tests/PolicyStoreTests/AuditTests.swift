import Foundation
import PolicyStore
import Storage
import Testing

@Suite("audit log and concurrency")
struct AuditTests {
    @Test("every change attempt leaves one audit row with its outcome")
    func everyAttemptIsAudited() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        let admin = store.administration
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        _ = Fixtures.error { _ = try admin.publish(PublishRequest(policies: "nonsense", expectedVersion: 1), by: acme) }
        _ = Fixtures.error { _ = try admin.publish(PublishRequest(policies: "", expectedVersion: 0), by: acme) }
        _ = try admin.proposeCandidate(PublishRequest(policies: "", expectedVersion: 1), by: acme)
        _ = try admin.promote(CandidateRequest(), by: acme)
        _ = Fixtures.error { _ = try admin.discard(CandidateRequest(), by: acme) }
        _ = try admin.setMode(ModeRequest(mode: .logOnly), by: acme)
        _ = try admin.rollback(RollbackRequest(toVersion: 1, expectedVersion: 2), by: acme)

        let rows = try admin.audit(LogQuery(), for: acme)
        let summary = rows.map {
            "\($0.action.rawValue):\($0.outcome):\($0.code):\($0.version.map(String.init) ?? "-")"
        }
        #expect(
            summary == [
                "publish:accepted::1",
                "publish:rejected:policy.invalid:-",
                "publish:rejected:policy.version_conflict:-",
                "propose_candidate:accepted::2",
                "promote:accepted::2",
                "discard:rejected:policy.not_found:-",
                "set_mode:accepted::2",
                "rollback:accepted::3",
            ]
        )
        #expect(rows.allSatisfy { $0.actor == "acme/alice" })
        #expect(rows[0].contentHash == rows[7].contentHash)
        #expect(rows[7].detail == "from=1")
        #expect(rows[6].detail == "mode=log_only")
        #expect(
            try admin.audit(LogQuery(after: rows[5].sequence, limit: 1), for: acme).map(\.sequence)
                == [rows[6].sequence]
        )
    }

    @Test("audit rows and versions cannot be rewritten")
    func appendOnly() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        let store = try PolicyStore(database: database)
        try Fixtures.publish(store, Fixtures.tenantPermits, by: try Fixtures.acmeAdmin)
        #expect(throws: StorageError.self) { try database.execute("UPDATE policy_audit SET outcome = 'x'") }
        #expect(throws: StorageError.self) { try database.execute("DELETE FROM policy_audit") }
        #expect(throws: StorageError.self) { try database.execute("UPDATE policy_versions SET policies = ''") }
        #expect(throws: StorageError.self) { try database.execute("DELETE FROM policy_versions") }
        #expect(try store.administration.audit(LogQuery(), for: try Fixtures.acmeAdmin).count == 1)
    }

    @Test("two publishers with the same expectedVersion: exactly one wins", arguments: [false, true])
    func concurrentPublishers(separateConnections: Bool) async throws {
        let path = try Fixtures.temporaryDatabasePath()
        let first = try PolicyStore(path: path)
        let second = separateConnections ? try PolicyStore(path: path) : first
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(first, Fixtures.tenantPermits, by: acme)

        let outcomes = await withTaskGroup(of: String.self) { group in
            for (index, store) in [first, second, first, second].enumerated() {
                group.addTask {
                    do {
                        let text = "@id(\"p\(index)\")\npermit (principal, action, resource);"
                        _ = try store.administration.publish(
                            PublishRequest(policies: text, expectedVersion: 1),
                            by: acme
                        )
                        return "won"
                    } catch let error as PolicyStoreError {
                        return error.code
                    } catch {
                        return "other"
                    }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == "won" }.count == 1)
        #expect(outcomes.filter { $0 == "policy.version_conflict" }.count == 3)
        #expect(try first.administration.status(for: acme).latestVersion == 2)
        let audit = try second.administration.audit(LogQuery(), for: acme)
        #expect(audit.filter { $0.code == "policy.version_conflict" }.count == 3)
    }
}

@Suite("content hash")
struct ContentHashTests {
    @Test("hashes differ with the schema and are stable")
    func hashes() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        let one = try Fixtures.publish(store, "", by: acme).version.contentHash
        let two = try Fixtures.publish(store, "", by: acme, schema: .replace("s")).version.contentHash
        let three = try Fixtures.publish(store, "", by: acme, schema: .replace(nil)).version.contentHash
        #expect(one != two)
        #expect(one == three)
        #expect(one.allSatisfy { $0.isHexDigit } && one.count == 64)
    }

    /// Expected values computed with Python's `hashlib.sha256` over the store's framing
    /// (`policies:<bytes>:<text>` then `schema:<bytes>:<text>`).
    static let vectors: [(String?, String)] = [
        (nil, "f9ccb9d9cedfac5f3875d6b5121be38dfafba23370535de2da9cdf917187abf0"),
        ("s", "ceaedaf228bc9058f15b8eb029d1edb37c8d5de1728d5203c6e19e00b05944de"),
        (String(repeating: "x", count: 150), "2141f8f8f598d682a12b21427567cd17b18cdc4d8a2b98267aa4fff8baade52d"),
    ]

    @Test("the hash is SHA-256 over the framed content", arguments: vectors)
    func sha256Vectors(schema: String?, expected: String) throws {
        let store = try Fixtures.memoryStore()
        let response = try Fixtures.publish(store, "", by: try Fixtures.acmeAdmin, schema: .replace(schema))
        #expect(response.version.contentHash == expected)
    }
}
