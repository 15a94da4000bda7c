import AgentryCore
import Foundation

/// The knowledge facade the server calls: ingest documents, retrieve chunks, read documents — per tenant and kb.
///
/// The service never decides where a tenant's data lives: `storeFor` maps a tenant id to its store (a silo file
/// of its own, or a shared pool store), see ``KnowledgeStoreDirectory``. Every call validates the tenant and kb
/// before touching a store, and reports what it consumed in its result so the caller can meter usage.
public final class KnowledgeService: Sendable {
    /// Maps a tenant id to the store that holds its data.
    public typealias StoreProvider = @Sendable (String) throws -> any KnowledgeStore

    /// Embeds chunks and queries.
    public let embedder: any Embedder
    /// Splits documents.
    public let chunker: Chunker
    /// Largest accepted document, in UTF-8 bytes. Default 8 MiB.
    public let maximumDocumentBytes: Int
    /// Largest `topK` a retrieval may ask for. Default 50.
    public let maximumTopK: Int

    private let storeFor: StoreProvider
    private let fusion = RankFusion()

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - storeFor: the store for a tenant id; called only with validated, non-blank ids.
    ///   - embedder: the embedder for chunks and queries, e.g. ``HashedNGramEmbedder``.
    ///   - chunker: how documents are split.
    ///   - maximumDocumentBytes: size limit for one document, in UTF-8 bytes.
    ///   - maximumTopK: upper bound for `topK`.
    public init(
        storeFor: @escaping StoreProvider,
        embedder: any Embedder,
        chunker: Chunker = Chunker(),
        maximumDocumentBytes: Int = 8 << 20,
        maximumTopK: Int = 50
    ) {
        self.storeFor = storeFor
        self.embedder = embedder
        self.chunker = chunker
        self.maximumDocumentBytes = maximumDocumentBytes
        self.maximumTopK = max(1, maximumTopK)
    }

    /// Chunks, embeds and stores a document, replacing any earlier version with the same id in one transaction.
    ///
    /// - Returns: the chunk count and the embeddings computed.
    /// - Throws: ``KnowledgeError`` for a blank tenant or kb, a bad id, or an empty or oversized text.
    public func ingest(
        tenant: String,
        kb: String,
        documentID: String,
        title: String,
        text: String
    ) throws
        -> IngestResult
    {
        try ScopeCheck.validate(tenant: tenant, kb: kb)
        guard !documentID.isEmpty, documentID.count <= 256 else { throw KnowledgeError.invalidDocumentID }
        guard text.utf8.count <= maximumDocumentBytes else { throw KnowledgeError.documentTooLarge }
        let chunks = chunker.chunks(of: text)
        guard !chunks.isEmpty else { throw KnowledgeError.emptyDocument }

        let vectors = try checkedEmbeddings(chunks.map(\.text))
        let embedded = zip(chunks, vectors).map { EmbeddedChunk(chunk: $0, embedding: $1) }
        try storeFor(tenant).replaceDocument(
            tenant: tenant,
            kb: kb,
            id: documentID,
            title: title,
            text: text,
            chunks: embedded
        )
        return IngestResult(
            documentID: documentID,
            chunkCount: chunks.count,
            usage: KnowledgeUsage(embeddingsComputed: chunks.count)
        )
    }

    /// The `topK` chunks most relevant to `query`, from keyword (BM25) and vector (cosine) search fused by RRF.
    ///
    /// - Parameters:
    ///   - tenant: the verified tenant; never blank.
    ///   - kb: the knowledge base inside the tenant.
    ///   - query: free text; FTS5 syntax is not interpreted.
    ///   - topK: clamped to `1...maximumTopK`.
    /// - Returns: the best chunks (score = RRF score) and the work done.
    /// - Throws: ``KnowledgeError`` for a blank tenant or kb, or a query with no words.
    public func retrieve(tenant: String, kb: String, query: String, topK: Int = 5) throws -> RetrievalResult {
        try ScopeCheck.validate(tenant: tenant, kb: kb)
        let words = WordTokenizer.words(query)
        guard !words.isEmpty else { throw KnowledgeError.invalidQuery }
        let content = words.filter { !WordTokenizer.stopWords.contains($0) }
        let terms = content.isEmpty ? words : content
        let limit = min(max(topK, 1), maximumTopK)
        let depth = max(limit * 4, 20)

        let store = try storeFor(tenant)
        let keyword = try store.keywordSearch(tenant: tenant, kb: kb, terms: terms, limit: depth)
        let queryVector = try checkedEmbeddings([query])[0]
        let vector = try store.vectorSearch(tenant: tenant, kb: kb, vector: queryVector, limit: depth)

        // INVARIANT: stores filter by tenant; this check makes a faulty store fail closed instead of leaking.
        let fused = fusion.fuse([keyword, vector], limit: limit).filter { $0.tenant == tenant && $0.kb == kb }
        let usage = KnowledgeUsage(embeddingsComputed: 1, vectorQueries: 1, keywordQueries: 1)
        return RetrievalResult(chunks: fused, usage: usage)
    }

    /// The stored document with `id`, or nil.
    public func document(tenant: String, kb: String, id: String) throws -> StoredDocument? {
        try ScopeCheck.validate(tenant: tenant, kb: kb)
        return try storeFor(tenant).document(tenant: tenant, kb: kb, id: id)
    }

    /// Every document in the knowledge base, ordered by id.
    public func documents(tenant: String, kb: String) throws -> [StoredDocument] {
        try ScopeCheck.validate(tenant: tenant, kb: kb)
        return try storeFor(tenant).documents(tenant: tenant, kb: kb)
    }

    /// Removes a document and its chunks; returns whether it existed.
    @discardableResult
    public func deleteDocument(tenant: String, kb: String, id: String) throws -> Bool {
        try ScopeCheck.validate(tenant: tenant, kb: kb)
        return try storeFor(tenant).deleteDocument(tenant: tenant, kb: kb, id: id)
    }

    /// Embeds `texts` with the service's embedder (for `/v1/embeddings`); stores nothing.
    public func embed(_ texts: [String]) throws -> EmbeddingResult {
        let vectors = try checkedEmbeddings(texts)
        return EmbeddingResult(
            vectors: vectors,
            model: embedder.identifier,
            usage: KnowledgeUsage(embeddingsComputed: texts.count)
        )
    }

    private func checkedEmbeddings(_ texts: [String]) throws -> [[Float]] {
        let vectors = embedder.embed(texts)
        guard vectors.count == texts.count, vectors.allSatisfy({ $0.count == embedder.dimensions }) else {
            throw KnowledgeError.embeddingMismatch
        }
        return vectors
    }
}
