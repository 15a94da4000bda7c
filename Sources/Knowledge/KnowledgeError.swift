import AgentryCore
import Foundation

/// A knowledge-base failure with a stable code; the message never carries tenant data, document text or queries.
public struct KnowledgeError: AgentryError, Equatable {
    /// Stable dotted code such as `knowledge.tenant_required`.
    public let code: String
    /// Client-safe description in the house grammar (lower case, no final period).
    public let message: String
    /// HTTP status the code maps to at the edge.
    public let status: Int

    /// Creates an error from its parts.
    public init(code: String, message: String, status: Int) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// A call named no tenant: writes and reads are never defaulted to one.
    public static let tenantRequired = KnowledgeError(
        code: "knowledge.tenant_required",
        message: "a tenant id is required",
        status: 400
    )

    /// A call named no knowledge base.
    public static let knowledgeBaseRequired = KnowledgeError(
        code: "knowledge.kb_required",
        message: "a knowledge base id is required",
        status: 400
    )

    /// A document id that is empty or too long.
    public static let invalidDocumentID = KnowledgeError(
        code: "knowledge.invalid_document_id",
        message: "document id must be 1 to 256 characters",
        status: 400
    )

    /// A document whose text is empty.
    public static let emptyDocument = KnowledgeError(
        code: "knowledge.empty_document",
        message: "document text is empty",
        status: 400
    )

    /// A document larger than the configured limit.
    public static let documentTooLarge = KnowledgeError(
        code: "knowledge.document_too_large",
        message: "document text exceeds the size limit",
        status: 413
    )

    /// A query that is empty or has no searchable words.
    public static let invalidQuery = KnowledgeError(
        code: "knowledge.invalid_query",
        message: "query must contain at least one word",
        status: 400
    )

    /// The embedder returned vectors of the wrong count or width.
    public static let embeddingMismatch = KnowledgeError(
        code: "knowledge.embedding_mismatch",
        message: "embedder returned vectors of an unexpected shape",
        status: 500
    )
}

/// Checks the scope every store call must carry.
enum ScopeCheck {
    /// Throws unless both ids are non-blank.
    static func validate(tenant: String, kb: String) throws {
        guard !tenant.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw KnowledgeError.tenantRequired
        }
        guard !kb.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw KnowledgeError.knowledgeBaseRequired
        }
    }
}
