import Foundation
import Storage

extension SQLiteKnowledgeStore {
    /// FTS5 search over chunk text in the scope, ranked by BM25 (score = -bm25, higher is better).
    public func keywordSearch(tenant: String, kb: String, terms: [String], limit: Int) throws -> [RetrievedChunk] {
        try ScopeCheck.validate(tenant: tenant, kb: kb)
        guard let expression = Self.matchExpression(terms), limit > 0 else { return [] }

        let rows = try database.query(
            """
            SELECT c.document_id, c.chunk_index, c.start_offset, c.end_offset, c.body,
                   bm25(kb_chunks_fts) AS rank
            FROM kb_chunks_fts JOIN kb_chunks c ON c.id = kb_chunks_fts.rowid
            WHERE kb_chunks_fts MATCH ? AND c.tenant_id = ? AND c.kb_id = ?
            ORDER BY rank, c.id LIMIT ?
            """,
            [.text(expression), .text(tenant), .text(kb), .int(limit)]
        )
        // bm25() is lower-is-better; negate so every store score is higher-is-better.
        return rows.map { Self.chunk(from: $0, tenant: tenant, kb: kb, score: -($0.double("rank") ?? 0)) }
    }

    /// Brute-force cosine scan over the scope's stored vectors; vectors of another width are skipped.
    public func vectorSearch(tenant: String, kb: String, vector: [Float], limit: Int) throws -> [RetrievedChunk] {
        try ScopeCheck.validate(tenant: tenant, kb: kb)
        guard limit > 0 else { return [] }

        // Score every vector in scope, keep the best `limit` ids, then load only their text.
        let rows = try database.query(
            "SELECT id, embedding FROM kb_chunks WHERE tenant_id = ? AND kb_id = ?",
            [.text(tenant), .text(kb)]
        )
        var scored: [(id: Int, score: Float)] = []
        scored.reserveCapacity(rows.count)
        for row in rows {
            guard let id = row.int("id"), let data = row.data("embedding") else { continue }
            let stored = VectorMath.decode(data)
            guard stored.count == vector.count else { continue }
            scored.append((id, VectorMath.cosine(vector, stored)))
        }
        let best = scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }.prefix(limit)
        return try best.compactMap { entry in
            try loadChunk(id: entry.id, tenant: tenant, kb: kb, score: Double(entry.score))
        }
    }

    private func loadChunk(id: Int, tenant: String, kb: String, score: Double) throws -> RetrievedChunk? {
        let rows = try database.query(
            """
            SELECT document_id, chunk_index, start_offset, end_offset, body FROM kb_chunks
            WHERE id = ? AND tenant_id = ? AND kb_id = ?
            """,
            [.int(id), .text(tenant), .text(kb)]
        )
        return rows.first.map { Self.chunk(from: $0, tenant: tenant, kb: kb, score: score) }
    }

    /// An FTS5 query matching any of `terms`, each as a quoted string so no FTS5 syntax reaches the parser.
    static func matchExpression(_ terms: [String]) -> String? {
        var seen = Set<String>()
        let quoted = terms.filter { !$0.isEmpty && seen.insert($0).inserted }.prefix(64).map {
            "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return quoted.isEmpty ? nil : quoted.joined(separator: " OR ")
    }

    private static func chunk(from row: SQLRow, tenant: String, kb: String, score: Double) -> RetrievedChunk {
        RetrievedChunk(
            documentID: row.string("document_id") ?? "",
            tenant: tenant,
            kb: kb,
            chunkIndex: row.int("chunk_index") ?? 0,
            start: row.int("start_offset") ?? 0,
            end: row.int("end_offset") ?? 0,
            text: row.string("body") ?? "",
            score: score
        )
    }
}
