import Foundation

/// Okapi BM25 over a small in-memory collection (here: the sentences of the supplied passages).
struct BM25 {
    /// Term-frequency saturation. Default 1.2.
    let k1: Double
    /// Length normalisation. Default 0.75.
    let b: Double

    private let documents: [[String: Int]]
    private let lengths: [Int]
    private let documentFrequency: [String: Int]
    private let averageLength: Double

    /// Indexes `documents`, each a list of terms.
    init(documents: [[String]], k1: Double = 1.2, b: Double = 0.75) {
        self.k1 = k1
        self.b = b
        self.documents = documents.map { terms in terms.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        self.lengths = documents.map(\.count)
        var frequency: [String: Int] = [:]
        for terms in self.documents {
            for term in terms.keys { frequency[term, default: 0] += 1 }
        }
        self.documentFrequency = frequency
        self.averageLength = Double(max(1, lengths.reduce(0, +))) / Double(max(1, documents.count))
    }

    /// The BM25 score of each document for the (deduplicated) `query` terms.
    func scores(for query: [String]) -> [Double] {
        let terms = Array(Set(query))
        let count = Double(documents.count)
        return documents.indices.map { index in
            terms.reduce(0) { total, term in
                guard let tf = documents[index][term].map(Double.init), let df = documentFrequency[term] else {
                    return total
                }
                let idf = log(1 + (count - Double(df) + 0.5) / (Double(df) + 0.5))
                let norm = tf + k1 * (1 - b + b * Double(lengths[index]) / averageLength)
                return total + idf * tf * (k1 + 1) / norm
            }
        }
    }
}
