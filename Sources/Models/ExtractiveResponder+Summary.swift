import Foundation

extension ExtractiveResponder {
    /// Words of a summary request that name no topic (compared after stemming).
    static let summaryWords: Set<String> = Set(
        [
            "summary", "summarise", "summarize", "summarised", "summarized", "summaries", "agreement", "contract",
            "document", "key", "main", "point", "brief", "briefly", "short", "overall", "term", "provision",
        ].map(TextTerms.stem)
    )

    /// The opening of each document plus its most central sentences, within the budget, in passage order.
    ///
    /// When the question names a topic (`summarise the termination rights`), only sentences mentioning it are
    /// considered, if any do, and the openings are not forced in.
    func summarise(_ sentences: [CitedSentence], question: String, maxTokens: Int?) -> [CitedSentence] {
        let focus = Set(TextTerms.terms(question).filter { !Self.summaryWords.contains($0) })
        var candidates = sentences.filter(Self.isSummaryCandidate)
        if candidates.isEmpty { candidates = sentences.filter { !$0.isHeading && !$0.terms.isEmpty } }
        let focused = candidates.filter { !focus.isDisjoint(with: $0.terms) }
        if !focused.isEmpty { candidates = focused }
        guard !candidates.isEmpty else { return [] }

        let vectors = candidates.map { TermVector($0.terms) }
        let centroid = TermVector(sum: vectors)
        let scores = vectors.map { $0.cosine(centroid) }
        var budget = summaryCharacterBudget
        if let maxTokens, maxTokens > 0 { budget = min(budget, maxTokens * 4) }

        // The opening sentence of each document first, then the most central ones.
        var order: [Int] = focused.isEmpty ? Self.openings(of: candidates) : []
        order += candidates.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        return select(order, from: candidates, vectors: vectors, budget: budget).sorted().map { candidates[$0] }
    }

    /// A sentence fit to stand alone in a summary: not a heading, 5+ words with letters, at most 600 characters,
    /// and starting like a sentence (capital, digit, quote or bracket) rather than mid-clause.
    static func isSummaryCandidate(_ sentence: CitedSentence) -> Bool {
        guard !sentence.isHeading, sentence.text.count <= 600, let first = sentence.text.first else { return false }
        let words = sentence.terms.filter { $0.first?.isLetter == true }
        return words.count >= 5 && (first.isUppercase || first.isNumber || "\"“(".contains(first))
    }

    /// For each document, the first substantive sentence (10+ content words) among its first eight candidates —
    /// which skips filing notices and cover lines — or else its first candidate.
    static func openings(of candidates: [CitedSentence]) -> [Int] {
        var byDocument: [String: [Int]] = [:]
        var documents: [String] = []
        for index in candidates.indices {
            let id = candidates[index].documentID
            if byDocument[id] == nil { documents.append(id) }
            byDocument[id, default: []].append(index)
        }
        return documents.compactMap { id in
            let first = byDocument[id]?.prefix(8) ?? []
            return first.first { candidates[$0].terms.count >= 10 } ?? first.first
        }
    }

    /// Takes indices in `order` while they fit the budget and are not near-duplicates of one already taken.
    private func select(_ order: [Int], from candidates: [CitedSentence], vectors: [TermVector], budget: Int) -> [Int] {
        var chosen: [Int] = []
        var used = 0
        for index in order where !chosen.contains(index) {
            let length = candidates[index].text.count + candidates[index].documentID.count + 4
            if !chosen.isEmpty, used + length > budget { continue }
            if chosen.contains(where: { vectors[$0].cosine(vectors[index]) > 0.6 }) { continue }
            chosen.append(index)
            used += length
        }
        return chosen
    }
}

/// A sparse, L2-normalised term-frequency vector (sublinear tf).
struct TermVector {
    private let weights: [String: Double]

    /// The vector of `terms`.
    init(_ terms: [String]) {
        let counts = terms.reduce(into: [String: Double]()) { $0[$1, default: 0] += 1 }
        weights = Self.normalised(counts.mapValues { 1 + Foundation.log($0) })
    }

    /// The normalised sum of `vectors` (their centroid direction).
    init(sum vectors: [TermVector]) {
        var total: [String: Double] = [:]
        for vector in vectors {
            for (term, weight) in vector.weights { total[term, default: 0] += weight }
        }
        weights = Self.normalised(total)
    }

    /// Cosine similarity (both vectors are unit length).
    func cosine(_ other: TermVector) -> Double {
        let (small, large) = weights.count <= other.weights.count ? (weights, other.weights) : (other.weights, weights)
        return small.reduce(0) { $0 + $1.value * (large[$1.key] ?? 0) }
    }

    private static func normalised(_ weights: [String: Double]) -> [String: Double] {
        let norm = weights.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? weights.mapValues { $0 / norm } : weights
    }
}
