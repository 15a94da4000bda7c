import AgentryCore
import Foundation
import Storage

/// A ``KnowledgeStore`` in one SQLite file: documents, chunks with their vectors, and an FTS5 index of chunk text.
///
/// Every row carries `tenant_id` and `kb_id`, and every statement filters on both, so one file can safely hold
/// many pool tenants (or exactly one silo tenant). Keyword search uses FTS5 with the `porter unicode61` tokenizer
/// ranked by `bm25()`; vector search is a brute-force cosine scan over the scope's stored vectors, which is
/// adequate up to tens of thousands of chunks per knowledge base.
///
/// BM25's collection statistics (document frequencies) are computed over the whole file, so in a shared pool file
/// other tenants' text can shift the keyword ranking slightly; it never makes their rows visible.
public final class SQLiteKnowledgeStore: KnowledgeStore {
    /// The database this store writes to.
    public let database: SQLiteDatabase

    /// Schema steps, numbered by position. Give the store its own file: migration numbers are per file.
    public static let migrations: [String] = [
        """
        CREATE TABLE kb_documents (
            tenant_id TEXT NOT NULL CHECK (length(tenant_id) > 0),
            kb_id TEXT NOT NULL CHECK (length(kb_id) > 0),
            document_id TEXT NOT NULL CHECK (length(document_id) > 0),
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            chunk_count INTEGER NOT NULL,
            ingested_at REAL NOT NULL,
            PRIMARY KEY (tenant_id, kb_id, document_id)
        );
        CREATE TABLE kb_chunks (
            id INTEGER PRIMARY KEY,
            tenant_id TEXT NOT NULL CHECK (length(tenant_id) > 0),
            kb_id TEXT NOT NULL CHECK (length(kb_id) > 0),
            document_id TEXT NOT NULL,
            chunk_index INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            body TEXT NOT NULL,
            embedding BLOB NOT NULL,
            UNIQUE (tenant_id, kb_id, document_id, chunk_index),
            FOREIGN KEY (tenant_id, kb_id, document_id)
                REFERENCES kb_documents (tenant_id, kb_id, document_id) ON DELETE CASCADE
        );
        CREATE INDEX kb_chunks_scope ON kb_chunks (tenant_id, kb_id, document_id);
        CREATE VIRTUAL TABLE kb_chunks_fts USING fts5(body, tokenize = 'porter unicode61')
        """
    ]

    /// Opens (creating if needed) the store at `path`, or a private in-memory store for `:memory:`.
    ///
    /// - Throws: ``KnowledgeError`` `knowledge.fts5_unavailable` if the system SQLite lacks FTS5, or a
    ///   `StorageError` if the file cannot be opened or migrated.
    public convenience init(path: String) throws {
        try Self.requireFTS5()
        try self.init(database: SQLiteDatabase(path: path, migrations: Self.migrations))
    }

    /// Wraps a database already opened with ``migrations``.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// A private in-memory store, the twin for tests.
    public static func inMemory() throws -> SQLiteKnowledgeStore { try SQLiteKnowledgeStore(path: ":memory:") }

    /// Throws unless the linked SQLite can create an FTS5 table.
    public static func requireFTS5() throws {
        do {
            let probe = try SQLiteDatabase(path: ":memory:")
            try probe.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(body)")
        } catch {
            throw KnowledgeError(
                code: "knowledge.fts5_unavailable",
                message: "the system SQLite was built without FTS5",
                status: 500
            )
        }
    }

    /// Replaces the document and its chunks (and their FTS rows) in one `BEGIN IMMEDIATE` transaction.
    public func replaceDocument(
        tenant: String,
        kb: String,
        id: String,
        title: String,
        text: String,
        chunks: [EmbeddedChunk]
    ) throws {
        try ScopeCheck.validate(tenant: tenant, kb: kb)
        let scope: [SQLValue] = [.text(tenant), .text(kb), .text(id)]

        try database.transaction { tx in
            // Old rows go first, inside the same transaction, so readers see the old or the new version only.
            try tx.query(
                """
                DELETE FROM kb_chunks_fts WHERE rowid IN
                    (SELECT id FROM kb_chunks WHERE tenant_id = ? AND kb_id = ? AND document_id = ?)
                """,
                scope
            )
            try tx.query("DELETE FROM kb_chunks WHERE tenant_id = ? AND kb_id = ? AND document_id = ?", scope)
            try tx.query("DELETE FROM kb_documents WHERE tenant_id = ? AND kb_id = ? AND document_id = ?", scope)

            try tx.query(
                """
                INSERT INTO kb_documents (tenant_id, kb_id, document_id, title, body, chunk_count, ingested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                scope + [.text(title), .text(text), .int(chunks.count), .real(Date().timeIntervalSince1970)]
            )
            for item in chunks {
                try insert(item, scope: scope, in: tx)
            }
        }
    }

    private func insert(_ item: EmbeddedChunk, scope: [SQLValue], in tx: SQLiteDatabase.Transaction) throws {
        let chunk = item.chunk
        let rows = try tx.query(
            """
            INSERT INTO kb_chunks
                (tenant_id, kb_id, document_id, chunk_index, start_offset, end_offset, body, embedding)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            scope + [
                .int(chunk.index), .int(chunk.start), .int(chunk.end), .text(chunk.text),
                .blob(VectorMath.encode(item.embedding)),
            ]
        )
        guard let rowID = rows.first?.int("id") else {
            throw KnowledgeError(code: "knowledge.write_failed", message: "chunk insert returned no id", status: 500)
        }
        try tx.query("INSERT INTO kb_chunks_fts (rowid, body) VALUES (?, ?)", [.int(rowID), .text(chunk.text)])
    }

    /// The document with `id` in the scope, or nil.
    public func document(tenant: String, kb: String, id: String) throws -> StoredDocument? {
        try ScopeCheck.validate(tenant: tenant, kb: kb)
        let rows = try database.query(
            "SELECT * FROM kb_documents WHERE tenant_id = ? AND kb_id = ? AND document_id = ?",
            [.text(tenant), .text(kb), .text(id)]
        )
        return rows.first.map(Self.document(from:))
    }

    /// Every document in the scope, ordered by id.
    public func documents(tenant: String, kb: String) throws -> [StoredDocument] {
        try ScopeCheck.validate(tenant: tenant, kb: kb)
        let rows = try database.query(
            "SELECT * FROM kb_documents WHERE tenant_id = ? AND kb_id = ? ORDER BY document_id",
            [.text(tenant), .text(kb)]
        )
        return rows.map(Self.document(from:))
    }

    /// Deletes the document, its chunks and their FTS rows in one transaction; returns whether it existed.
    public func deleteDocument(tenant: String, kb: String, id: String) throws -> Bool {
        try ScopeCheck.validate(tenant: tenant, kb: kb)
        let scope: [SQLValue] = [.text(tenant), .text(kb), .text(id)]
        return try database.transaction { tx in
            try tx.query(
                """
                DELETE FROM kb_chunks_fts WHERE rowid IN
                    (SELECT id FROM kb_chunks WHERE tenant_id = ? AND kb_id = ? AND document_id = ?)
                """,
                scope
            )
            try tx.query("DELETE FROM kb_chunks WHERE tenant_id = ? AND kb_id = ? AND document_id = ?", scope)
            try tx.query("DELETE FROM kb_documents WHERE tenant_id = ? AND kb_id = ? AND document_id = ?", scope)
            return tx.changes() > 0
        }
    }

    private static func document(from row: SQLRow) -> StoredDocument {
        StoredDocument(
            tenant: row.string("tenant_id") ?? "",
            kb: row.string("kb_id") ?? "",
            id: row.string("document_id") ?? "",
            title: row.string("title") ?? "",
            text: row.string("body") ?? "",
            chunkCount: row.int("chunk_count") ?? 0,
            ingestedAt: Date(timeIntervalSince1970: row.double("ingested_at") ?? 0)
        )
    }
}
