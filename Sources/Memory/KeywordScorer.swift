import Foundation

/// Ranks records by keyword overlap with a query: for each distinct query term (lower-cased letters and digits, two
/// or more characters), the number of times it occurs in the record, divided by the square root of the record's
/// length in terms. Records that share no term are dropped; an empty query returns the newest records with score 0.
struct KeywordScorer {
    let terms: Set<String>

    init(query: String) {
        terms = Set(Self.tokens(query))
    }

    func rank(_ records: [MemoryRecord], topK: Int) -> [ScoredRecord] {
        guard !terms.isEmpty else { return records.prefix(topK).map { ScoredRecord(record: $0, score: 0) } }
        let scored = records.compactMap { record -> ScoredRecord? in
            let tokens = Self.tokens(record.content)
            let hits = tokens.count(where: terms.contains)
            guard hits > 0 else { return nil }
            return ScoredRecord(record: record, score: Double(hits) / Double(tokens.count).squareRoot())
        }
        // Stable on ties: candidates arrive newest first.
        return Array(
            scored.enumerated().sorted { lhs, rhs in
                lhs.element.score != rhs.element.score ? lhs.element.score > rhs.element.score : lhs.offset < rhs.offset
            }.map(\.element).prefix(topK)
        )
    }

    static func tokens(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            .filter { $0.count >= 2 }
    }
}
