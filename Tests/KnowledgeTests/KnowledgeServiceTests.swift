import Foundation
import Storage
import Testing

@testable import Knowledge

@Suite("KnowledgeService")
struct KnowledgeServiceTests {
    private let royalty = """
        ROYALTIES

        The Licensee shall pay the Licensor a royalty of seven percent of Net Sales, payable within thirty days \
        after the end of each calendar quarter.

        Either party may terminate this Agreement upon sixty days written notice if the other party commits a \
        material breach.
        """
    private let shipping = """
        DELIVERY

        The Supplier shall ship the Products to the Distributor's warehouse in Rotterdam by ocean freight, and \
        title passes on delivery.
        """

    private func service(_ store: SQLiteKnowledgeStore) -> KnowledgeService {
        KnowledgeService(storeFor: { _ in store }, embedder: HashedNGramEmbedder())
    }

    @Test("retrieval in a shared store never returns another tenant's chunks")
    func tenantIsolationInSharedStore() throws {
        let knowledge = service(try SQLiteKnowledgeStore.inMemory())
        _ = try knowledge.ingest(tenant: "tenant-a", kb: "contracts", documentID: "a-1", title: "A", text: royalty)
        _ = try knowledge.ingest(tenant: "tenant-b", kb: "contracts", documentID: "b-1", title: "B", text: royalty)
        _ = try knowledge.ingest(tenant: "tenant-b", kb: "contracts", documentID: "b-2", title: "B2", text: shipping)

        let result = try knowledge.retrieve(tenant: "tenant-a", kb: "contracts", query: "royalty net sales", topK: 10)
        #expect(!result.chunks.isEmpty)
        #expect(result.chunks.allSatisfy { $0.tenant == "tenant-a" && $0.documentID == "a-1" })

        // Tenant A asking about text only tenant B holds gets nothing of B's.
        let shippingQuery = try knowledge.retrieve(tenant: "tenant-a", kb: "contracts", query: "Rotterdam warehouse")
        #expect(shippingQuery.chunks.allSatisfy { $0.documentID == "a-1" })
        #expect(try knowledge.document(tenant: "tenant-a", kb: "contracts", id: "b-1") == nil)
        #expect(try knowledge.documents(tenant: "tenant-a", kb: "contracts").map(\.id) == ["a-1"])
        #expect(try knowledge.documents(tenant: "tenant-b", kb: "contracts").map(\.id) == ["b-1", "b-2"])
    }

    @Test("knowledge bases of one tenant are kept apart")
    func kbIsolation() throws {
        let knowledge = service(try SQLiteKnowledgeStore.inMemory())
        _ = try knowledge.ingest(tenant: "t", kb: "kb-1", documentID: "d", title: "D", text: royalty)
        #expect(try knowledge.retrieve(tenant: "t", kb: "kb-2", query: "royalty").chunks.isEmpty)
        #expect(try knowledge.document(tenant: "t", kb: "kb-2", id: "d") == nil)
    }

    @Test("a blank tenant or kb is rejected on every call, before any store is asked for", arguments: ["", "  "])
    func blankTenantRejected(tenant: String) throws {
        let knowledge = KnowledgeService(
            storeFor: { _ in throw KnowledgeError(code: "test.store_requested", message: "unexpected", status: 500) },
            embedder: HashedNGramEmbedder()
        )
        #expect(throws: KnowledgeError.tenantRequired) {
            try knowledge.ingest(tenant: tenant, kb: "kb", documentID: "d", title: "", text: "Some text.")
        }
        #expect(throws: KnowledgeError.tenantRequired) { try knowledge.retrieve(tenant: tenant, kb: "kb", query: "x") }
        #expect(throws: KnowledgeError.tenantRequired) { try knowledge.documents(tenant: tenant, kb: "kb") }
        #expect(throws: KnowledgeError.knowledgeBaseRequired) {
            try knowledge.document(tenant: "t", kb: tenant, id: "d")
        }

        let store = try SQLiteKnowledgeStore.inMemory()
        #expect(throws: KnowledgeError.tenantRequired) {
            try store.replaceDocument(tenant: tenant, kb: "kb", id: "d", title: "", text: "x", chunks: [])
        }
        #expect(throws: KnowledgeError.tenantRequired) {
            try store.keywordSearch(tenant: tenant, kb: "kb", terms: ["x"], limit: 5)
        }
    }

    @Test("re-ingesting a document id replaces its chunks instead of duplicating them")
    func reingestIsIdempotent() throws {
        let store = try SQLiteKnowledgeStore.inMemory()
        let knowledge = service(store)
        let first = try knowledge.ingest(tenant: "t", kb: "kb", documentID: "d", title: "v1", text: royalty)
        let again = try knowledge.ingest(tenant: "t", kb: "kb", documentID: "d", title: "v1", text: royalty)
        #expect(first.chunkCount == again.chunkCount)
        #expect(try chunkRows(store) == first.chunkCount)
        #expect(try ftsRows(store) == first.chunkCount)

        _ = try knowledge.ingest(tenant: "t", kb: "kb", documentID: "d", title: "v2", text: shipping)
        #expect(try knowledge.documents(tenant: "t", kb: "kb").map(\.title) == ["v2"])
        #expect(
            try knowledge.retrieve(tenant: "t", kb: "kb", query: "royalty").chunks.allSatisfy {
                !$0.text.contains("royalty")
            }
        )
        let chunkCount = try chunkRows(store)
        #expect(try ftsRows(store) == chunkCount)
    }

    @Test("a failed re-ingest leaves the previous version intact")
    func atomicReplace() throws {
        let store = try SQLiteKnowledgeStore.inMemory()
        _ = try service(store).ingest(tenant: "t", kb: "kb", documentID: "d", title: "v1", text: royalty)
        let before = try chunkRows(store)

        // Two chunks with the same index violate the unique key half-way through the transaction.
        let chunk = DocumentChunk(index: 0, start: 0, end: 3, text: "new")
        let duplicate = [EmbeddedChunk(chunk: chunk, embedding: [1]), EmbeddedChunk(chunk: chunk, embedding: [1])]
        #expect(throws: StorageError.self) {
            try store.replaceDocument(tenant: "t", kb: "kb", id: "d", title: "v2", text: "new", chunks: duplicate)
        }
        #expect(try store.document(tenant: "t", kb: "kb", id: "d")?.title == "v1")
        #expect(try chunkRows(store) == before)
        #expect(try ftsRows(store) == before)
    }

    @Test("retrieved chunks carry offsets into the stored document and usage is reported")
    func offsetsAndUsage() throws {
        let knowledge = service(try SQLiteKnowledgeStore.inMemory())
        let ingest = try knowledge.ingest(tenant: "t", kb: "kb", documentID: "d", title: "Lic", text: royalty)
        #expect(ingest.usage.embeddingsComputed == ingest.chunkCount)

        let result = try knowledge.retrieve(tenant: "t", kb: "kb", query: "When is the royalty payable?", topK: 3)
        #expect(result.usage == KnowledgeUsage(embeddingsComputed: 1, vectorQueries: 1, keywordQueries: 1))
        let document = try #require(try knowledge.document(tenant: "t", kb: "kb", id: "d"))
        for chunk in result.chunks {
            let slice = Array(document.text.utf8)[chunk.start..<chunk.end]
            #expect(Array(slice) == Array(chunk.text.utf8))
        }
        #expect(throws: KnowledgeError.invalidQuery) { try knowledge.retrieve(tenant: "t", kb: "kb", query: " ?! ") }
    }

    @Test("FTS5 syntax in a query is treated as plain words")
    func ftsInjection() throws {
        let knowledge = service(try SQLiteKnowledgeStore.inMemory())
        _ = try knowledge.ingest(tenant: "t", kb: "kb", documentID: "d", title: "", text: royalty)
        for query in ["royalty\" OR body:*", "NEAR(royalty", "royalty*) AND (", "-royalty ^"] {
            #expect(try knowledge.retrieve(tenant: "t", kb: "kb", query: query).chunks.count == 1)
        }
    }

    private func chunkRows(_ store: SQLiteKnowledgeStore) throws -> Int {
        try store.database.query("SELECT count(*) AS n FROM kb_chunks")[0].int("n") ?? -1
    }

    private func ftsRows(_ store: SQLiteKnowledgeStore) throws -> Int {
        try store.database.query("SELECT count(*) AS n FROM kb_chunks_fts")[0].int("n") ?? -1
    }
}
