import Foundation

/// A document as the knowledge base holds it, with the scope it belongs to.
public struct StoredDocument: Sendable, Hashable, Codable {
    /// Owning tenant.
    public let tenant: String
    /// Knowledge base inside the tenant.
    public let kb: String
    /// Caller-chosen id, unique within (tenant, kb).
    public let id: String
    /// Human-readable title.
    public let title: String
    /// The full original text; chunk offsets index its UTF-8 bytes.
    public let text: String
    /// Number of chunks stored for it.
    public let chunkCount: Int
    /// When it was last ingested.
    public let ingestedAt: Date

    /// Creates a document record.
    public init(tenant: String, kb: String, id: String, title: String, text: String, chunkCount: Int, ingestedAt: Date)
    {
        self.tenant = tenant
        self.kb = kb
        self.id = id
        self.title = title
        self.text = text
        self.chunkCount = chunkCount
        self.ingestedAt = ingestedAt
    }
}

/// A chunk ready to store: its place in the document and its embedding.
public struct EmbeddedChunk: Sendable, Hashable {
    /// The chunk and its byte range.
    public let chunk: DocumentChunk
    /// Its vector from the service's ``Embedder``.
    public let embedding: [Float]

    /// Pairs a chunk with its vector.
    public init(chunk: DocumentChunk, embedding: [Float]) {
        self.chunk = chunk
        self.embedding = embedding
    }
}

/// A chunk returned by a search, with the scope it came from and its score.
public struct RetrievedChunk: Sendable, Hashable, Codable {
    /// Document the chunk belongs to.
    public let documentID: String
    /// Tenant that owns it (always the tenant that asked).
    public let tenant: String
    /// Knowledge base it lives in.
    public let kb: String
    /// Position of the chunk in its document, from 0.
    public let chunkIndex: Int
    /// First UTF-8 byte of the chunk in the document text.
    public let start: Int
    /// One past the last UTF-8 byte of the chunk in the document text.
    public let end: Int
    /// The chunk text.
    public let text: String
    /// Relevance, higher is better. Keyword search: negated BM25; vector search: cosine; fused: RRF score.
    public let score: Double

    /// Creates a result row.
    public init(
        documentID: String,
        tenant: String,
        kb: String,
        chunkIndex: Int,
        start: Int,
        end: Int,
        text: String,
        score: Double
    ) {
        self.documentID = documentID
        self.tenant = tenant
        self.kb = kb
        self.chunkIndex = chunkIndex
        self.start = start
        self.end = end
        self.text = text
        self.score = score
    }

    /// The same chunk with another score.
    public func withScore(_ newScore: Double) -> RetrievedChunk {
        RetrievedChunk(
            documentID: documentID,
            tenant: tenant,
            kb: kb,
            chunkIndex: chunkIndex,
            start: start,
            end: end,
            text: text,
            score: newScore
        )
    }
}
