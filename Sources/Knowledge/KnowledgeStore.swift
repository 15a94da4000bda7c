/// Persistence for documents, chunks and their vectors, always scoped by tenant and knowledge base.
///
/// Every method takes the tenant explicitly and must reject a blank one with ``KnowledgeError/tenantRequired``:
/// nothing is ever read or written without a tenant, and nothing from another tenant is ever returned.
public protocol KnowledgeStore: Sendable {
    /// Stores `document` and its chunks, atomically replacing any earlier version with the same id.
    func replaceDocument(
        tenant: String,
        kb: String,
        id: String,
        title: String,
        text: String,
        chunks: [EmbeddedChunk]
    ) throws

    /// The document with `id`, or nil.
    func document(tenant: String, kb: String, id: String) throws -> StoredDocument?

    /// Every document in the knowledge base, ordered by id.
    func documents(tenant: String, kb: String) throws -> [StoredDocument]

    /// Removes a document and its chunks; returns whether it existed.
    func deleteDocument(tenant: String, kb: String, id: String) throws -> Bool

    /// Full-text search over chunk text, best first; `terms` are plain words, matched if any occurs.
    func keywordSearch(tenant: String, kb: String, terms: [String], limit: Int) throws -> [RetrievedChunk]

    /// Nearest chunks by cosine similarity to `vector`, best first.
    func vectorSearch(tenant: String, kb: String, vector: [Float], limit: Int) throws -> [RetrievedChunk]
}
