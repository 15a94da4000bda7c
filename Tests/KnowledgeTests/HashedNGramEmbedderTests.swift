import Testing

@testable import Knowledge

@Suite("HashedNGramEmbedder")
struct HashedNGramEmbedderTests {
    @Test("vectors are deterministic, unit length and of the declared width")
    func deterministicUnitVectors() {
        let embedder = HashedNGramEmbedder(dimensions: 512)
        let first = embedder.embed(["The Distributor shall pay the license fee."])
        let second = HashedNGramEmbedder(dimensions: 512).embed(["The Distributor shall pay the license fee."])
        #expect(first == second)
        #expect(first[0].count == 512)
        let norm = first[0].reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-5)
    }

    @Test("texts sharing words are closer than unrelated texts")
    func similarity() {
        let vectors = HashedNGramEmbedder().embed([
            "termination of the agreement for material breach",
            "either party may terminate this agreement upon material breach",
            "the reseller orders shuffling machines for casinos",
        ])
        #expect(VectorMath.cosine(vectors[0], vectors[1]) > VectorMath.cosine(vectors[0], vectors[2]) + 0.1)
    }

    @Test("a text with no words maps to the zero vector, and the hash is the published FNV-1a")
    func zeroAndHash() {
        #expect(HashedNGramEmbedder(dimensions: 16).embed(["  ,, ;"])[0] == [Float](repeating: 0, count: 16))
        #expect(HashedNGramEmbedder.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(HashedNGramEmbedder.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
    }

    @Test("vectors survive the on-disk encoding unchanged")
    func encoding() {
        let vector = HashedNGramEmbedder(dimensions: 64).embed(["royalty payable quarterly"])[0]
        #expect(VectorMath.decode(VectorMath.encode(vector)) == vector)
    }
}
