import Foundation
import Storage
import Testing

@testable import Knowledge

@Suite("KnowledgeStoreDirectory")
struct KnowledgeStoreDirectoryTests {
    private func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("agentry-kb-\(UUID().uuidString)")
    }

    @Test("a silo tenant's file holds only its rows, and pool tenants share the pool file")
    func siloFileHoldsOnlyItsTenant() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = try KnowledgeStoreDirectory(dataDirectory: root, siloTenants: ["acme"])
        let knowledge = KnowledgeService(storeFor: directory.storeProvider, embedder: HashedNGramEmbedder())
        let text = "The Supplier shall deliver the Products within ten business days of each purchase order."
        for tenant in ["acme", "pool-1", "pool-2"] {
            _ = try knowledge.ingest(tenant: tenant, kb: "kb", documentID: "doc", title: tenant, text: text)
        }

        #expect(directory.fileURL(for: "acme") != directory.fileURL(for: "pool-1"))
        #expect(directory.fileURL(for: "pool-1") == directory.fileURL(for: "pool-2"))
        let silo = try SQLiteDatabase(path: directory.fileURL(for: "acme").path)
        for table in ["kb_documents", "kb_chunks"] {
            let tenants = try silo.query("SELECT DISTINCT tenant_id FROM \(table)").compactMap {
                $0.string("tenant_id")
            }
            #expect(tenants == ["acme"])
        }
        let pool = try SQLiteDatabase(path: directory.fileURL(for: "pool-1").path)
        let poolTenants = try pool.query("SELECT DISTINCT tenant_id FROM kb_documents ORDER BY 1")
        #expect(poolTenants.compactMap { $0.string("tenant_id") } == ["pool-1", "pool-2"])

        let hits = try knowledge.retrieve(tenant: "pool-2", kb: "kb", query: "deliver products", topK: 10).chunks
        #expect(!hits.isEmpty && hits.allSatisfy { $0.tenant == "pool-2" })
    }

    @Test(
        "silo file names cannot escape the directory or collide",
        arguments: ["../../etc/passwd", ".hidden", "a/b", "é"]
    )
    func fileNamesAreSafe(tenant: String) throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = try KnowledgeStoreDirectory(dataDirectory: root, siloTenants: [tenant, "ok-tenant"])
        let url = directory.fileURL(for: tenant)
        #expect(url.deletingLastPathComponent().standardizedFileURL == directory.directory.standardizedFileURL)
        #expect(!url.lastPathComponent.contains("/"))
        #expect(url != directory.fileURL(for: "ok-tenant"))
        #expect(directory.fileURL(for: "ok-tenant").lastPathComponent == "silo-ok-tenant.sqlite")
        #expect(throws: KnowledgeError.tenantRequired) { try directory.store(for: "") }
    }
}
