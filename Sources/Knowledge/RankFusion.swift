/// Reciprocal-rank fusion: merges ranked lists by summing `1 / (k + rank)` for each list an item appears in.
///
/// RRF needs no score calibration between keyword and vector search, which measure relevance on unrelated scales.
public struct RankFusion: Sendable {
    /// Damping constant; 60 is the value from the original RRF paper (Cormack et al., 2009).
    public let k: Double

    /// Creates a fusion with damping constant `k`.
    public init(k: Double = 60) {
        self.k = k
    }

    /// The fused list, best first, each chunk carrying its fused score; ties keep document and chunk order.
    public func fuse(_ lists: [[RetrievedChunk]], limit: Int) -> [RetrievedChunk] {
        struct Key: Hashable {
            let documentID: String
            let chunkIndex: Int
        }
        var scores: [Key: Double] = [:]
        var chunks: [Key: RetrievedChunk] = [:]

        for list in lists {
            for (rank, chunk) in list.enumerated() {
                let key = Key(documentID: chunk.documentID, chunkIndex: chunk.chunkIndex)
                scores[key, default: 0] += 1 / (k + Double(rank + 1))
                chunks[key] = chunks[key] ?? chunk
            }
        }

        let ordered = scores.sorted { lhs, rhs in
            if lhs.value != rhs.value { return lhs.value > rhs.value }
            if lhs.key.documentID != rhs.key.documentID { return lhs.key.documentID < rhs.key.documentID }
            return lhs.key.chunkIndex < rhs.key.chunkIndex
        }
        return ordered.prefix(max(0, limit)).compactMap { entry in chunks[entry.key]?.withScore(entry.value) }
    }
}
