import Foundation

/// A deterministic, built-in **lexical** embedder: feature hashing of word unigrams and bigrams. Not a neural model.
///
/// How a text becomes a vector:
/// 1. Words are the lower-cased runs of letters and digits; English function words are dropped.
/// 2. Features are each remaining word (unigram) and each pair of adjacent remaining words (bigram, joined by a
///    space; bigrams weigh `bigramWeight`).
/// 3. Each feature is hashed with 64-bit FNV-1a (stable across processes and platforms, unlike `Hasher`): the hash
///    modulo `dimensions` picks the slot and one more bit picks the sign (+1/-1), which keeps collisions unbiased.
/// 4. Term frequency is sublinear, `1 + ln(tf)`, so a repeated word does not dominate.
/// 5. The vector is L2-normalised; an input with no words maps to the zero vector.
///
/// Cosine similarity of two vectors therefore measures shared vocabulary and short phrases. It captures no
/// synonyms or paraphrase beyond shared words; it exists so retrieval works offline with no model files.
public struct HashedNGramEmbedder: Embedder {
    /// Vector width. Default 512.
    public let dimensions: Int
    /// Weight of a bigram relative to a unigram. Default 0.5.
    public let bigramWeight: Float

    /// Names the scheme and its parameters, e.g. `hashed-ngram-v1-512`.
    public var identifier: String { "hashed-ngram-v1-\(dimensions)-\(bigramWeight)" }

    /// Creates an embedder; `dimensions` is raised to at least 8.
    public init(dimensions: Int = 512, bigramWeight: Float = 0.5) {
        self.dimensions = max(8, dimensions)
        self.bigramWeight = bigramWeight
    }

    /// One L2-normalised vector per text.
    public func embed(_ texts: [String]) -> [[Float]] {
        texts.map(embedOne)
    }

    private func embedOne(_ text: String) -> [Float] {
        let words = WordTokenizer.contentWords(text)
        var counts: [String: Float] = [:]
        for word in words { counts[word, default: 0] += 1 }
        for pair in zip(words, words.dropFirst()) { counts[pair.0 + " " + pair.1, default: 0] += 1 }

        var vector = [Float](repeating: 0, count: dimensions)
        for (feature, count) in counts {
            let hash = Self.fnv1a(feature)
            let slot = Int(hash % UInt64(dimensions))
            let sign: Float = (hash >> 63) == 0 ? 1 : -1
            let weight = (1 + log(count)) * (feature.contains(" ") ? bigramWeight : 1)
            vector[slot] += sign * weight
        }
        return VectorMath.normalized(vector)
    }

    /// 64-bit FNV-1a over the UTF-8 bytes of `text`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
