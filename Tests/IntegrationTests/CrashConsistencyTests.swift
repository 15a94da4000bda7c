import AgentryCore
import Foundation
import Runtime
import Storage
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("A kill in the middle of a write leaves nothing half-written")
struct CrashConsistencyTests {
    @Test(
        "ingestion killed with SIGKILL leaves whole documents only, and a rerun completes",
        .enabled(if: TestPaths.contracts != nil, "../shared/corpus/contracts is absent: crash test skipped")
    )
    func killDuringIngest() async throws {
        let data = TestPaths.temporaryDirectory("crash")
        let agentry = TestPaths.programs.appendingPathComponent("agentry").path
        // Five copies of each contract: a write long enough that the kill lands in the middle of it.
        let folder = data + "/input"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: TestPaths.contracts ?? "")
        where name.hasPrefix("cuad_") {
            for copy in 1...5 {
                try FileManager.default.copyItem(
                    atPath: (TestPaths.contracts ?? "") + "/" + name,
                    toPath: "\(folder)/\(copy)-\(name)"
                )
            }
        }
        let arguments = [
            agentry, "ingest", "--config", TestPaths.exampleConfig, "--data-dir", data, "--tenant", "smallfirm",
            "--kb", "smallfirm-contracts", folder,
        ]
        let store = data + "/knowledge/pool.sqlite"
        let total = try FileManager.default.contentsOfDirectory(atPath: folder).count

        // Kill the writer once at least one document is in, while later ones are still being written.
        let first = try ChildProcess.spawn(
            arguments,
            environment: ["PATH": "/usr/bin:/bin"],
            directory: data,
            logPath: data + "/ingest-1.log"
        )
        // Watch and kill from a thread of its own, so a busy test pool cannot delay the kill past the write.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                let deadline = Date().addingTimeInterval(120)
                while Date() < deadline, (try? Self.documentCount(store)) ?? 0 < 1 { usleep(10_000) }
                kill(first.pid, SIGKILL)
                done.resume()
            }.start()
        }
        await first.terminate(grace: 0)

        let afterKill = try inspect(store)
        #expect(afterKill.integrity == "ok")
        #expect(afterKill.inconsistent.isEmpty, "half-written documents: \(afterKill.inconsistent)")
        #expect(afterKill.documents < total, "the kill came after ingestion finished; the test proved nothing")

        // A second run over the same data completes and leaves every document whole.
        let second = try ChildProcess.spawn(
            arguments,
            environment: ["PATH": "/usr/bin:/bin"],
            directory: data,
            logPath: data + "/ingest-2.log"
        )
        while second.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        await second.terminate(grace: 0)
        let final = try inspect(store)
        #expect(final.integrity == "ok")
        #expect(final.inconsistent.isEmpty)
        #expect(final.documents == total)
    }

    private static func documentCount(_ path: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        let database = try SQLiteDatabase(path: path)
        return try database.query("SELECT count(*) AS n FROM kb_documents").first?.int("n") ?? 0
    }

    /// Integrity check, document count, and the documents whose chunk rows or index rows disagree with their header.
    private func inspect(_ path: String) throws -> (integrity: String, documents: Int, inconsistent: [String]) {
        let database = try SQLiteDatabase(path: path)
        let integrity = try database.query("PRAGMA integrity_check").first?.string("integrity_check") ?? "?"
        let rows = try database.query(
            """
            SELECT d.document_id AS id, d.chunk_count AS expected,
                   (SELECT count(*) FROM kb_chunks c WHERE c.tenant_id = d.tenant_id AND c.kb_id = d.kb_id
                    AND c.document_id = d.document_id) AS actual
            FROM kb_documents d
            """
        )
        let inconsistent = rows.filter { $0.int("expected") != $0.int("actual") }.compactMap { $0.string("id") }
        let chunks = try database.query("SELECT count(*) AS n FROM kb_chunks").first?.int("n") ?? -1
        let indexed = try database.query("SELECT count(*) AS n FROM kb_chunks_fts").first?.int("n") ?? -2
        return (
            integrity, rows.count, inconsistent + (chunks == indexed ? [] : ["fts rows \(indexed) ≠ chunks \(chunks)"])
        )
    }
}
