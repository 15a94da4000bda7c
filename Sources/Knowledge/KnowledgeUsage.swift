/// What one knowledge call consumed, so the caller can meter it.
public struct KnowledgeUsage: Sendable, Hashable, Codable {
    /// Texts passed through the embedder (one per chunk on ingest, one per query on retrieval).
    public var embeddingsComputed: Int
    /// Vector-similarity scans run against the store.
    public var vectorQueries: Int
    /// Full-text (BM25) queries run against the store.
    public var keywordQueries: Int

    /// Creates a usage record; all counts default to zero.
    public init(embeddingsComputed: Int = 0, vectorQueries: Int = 0, keywordQueries: Int = 0) {
        self.embeddingsComputed = embeddingsComputed
        self.vectorQueries = vectorQueries
        self.keywordQueries = keywordQueries
    }
}

/// The outcome of ``KnowledgeService/ingest(tenant:kb:documentID:title:text:)``.
public struct IngestResult: Sendable, Hashable, Codable {
    /// Id of the stored document.
    public let documentID: String
    /// Chunks now stored for it (earlier chunks of the same id were replaced).
    public let chunkCount: Int
    /// Work done.
    public let usage: KnowledgeUsage

    /// Creates a result.
    public init(documentID: String, chunkCount: Int, usage: KnowledgeUsage) {
        self.documentID = documentID
        self.chunkCount = chunkCount
        self.usage = usage
    }
}

/// The outcome of ``KnowledgeService/retrieve(tenant:kb:query:topK:)``.
public struct RetrievalResult: Sendable, Hashable, Codable {
    /// Best chunks first; `score` is the reciprocal-rank-fusion score.
    public let chunks: [RetrievedChunk]
    /// Work done.
    public let usage: KnowledgeUsage

    /// Creates a result.
    public init(chunks: [RetrievedChunk], usage: KnowledgeUsage) {
        self.chunks = chunks
        self.usage = usage
    }
}

/// The outcome of ``KnowledgeService/embed(_:)``.
public struct EmbeddingResult: Sendable, Hashable, Codable {
    /// One vector per input, in order.
    public let vectors: [[Float]]
    /// The embedder's ``Embedder/identifier``, suitable as the `model` of an embeddings response.
    public let model: String
    /// Work done.
    public let usage: KnowledgeUsage

    /// Creates a result.
    public init(vectors: [[Float]], model: String, usage: KnowledgeUsage) {
        self.vectors = vectors
        self.model = model
        self.usage = usage
    }
}
