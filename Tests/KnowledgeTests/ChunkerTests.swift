import Foundation
import TestSupport
import Testing

@testable import Knowledge

@Suite("Chunker")
struct ChunkerTests {
    private func bytes(_ text: String, _ chunk: DocumentChunk) -> [UInt8] {
        Array(Array(text.utf8)[chunk.start..<chunk.end])
    }

    private func paragraphText(sentences: Int) -> String {
        (0..<sentences).map { index in
            let sentence = "Clause \(index) obliges the Licensee to pay royalties of \(index * 3) percent quarterly."
            return index % 7 == 6 ? sentence + "\n\n" : sentence + " "
        }.joined()
    }

    @Test("every chunk's byte offsets map back exactly to the source text, including multi-byte characters")
    func offsetsMapBack() {
        let text =
            "Überblick — “Vertrag” über Lizenzgebühren. " + paragraphText(sentences: 120)
            + "\n\nÇa coûte 10 € par unité; 日本語のテキストも含まれます。 Ende."
        let chunks = Chunker().chunks(of: text)
        #expect(chunks.count > 3)
        for chunk in chunks {
            #expect(bytes(text, chunk) == Array(chunk.text.utf8))
            #expect(chunk.text == chunk.text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(chunks.map(\.index) == Array(0..<chunks.count))
    }

    @Test("chunks stay within the size bounds, overlap a little, and cover the whole text")
    func sizesAndCoverage() {
        let text = paragraphText(sentences: 200)
        let chunker = Chunker()
        let chunks = chunker.chunks(of: text)

        for chunk in chunks.dropLast() {
            #expect(chunk.text.unicodeScalars.count >= chunker.minimumSize)
            #expect(chunk.text.unicodeScalars.count <= chunker.maximumSize)
        }
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            #expect(next.start > previous.start)
            #expect(next.start <= previous.end)
            #expect(previous.end - next.start <= chunker.overlap * 4)
        }
        #expect(chunks.first?.start == 0)
        #expect(chunks.last?.end == text.utf8.count - 1)  // the final separator space is trimmed
    }

    @Test("chunks end on sentence boundaries when the text has them")
    func endsOnSentences() {
        let text = paragraphText(sentences: 150).replacingOccurrences(of: "\n\n", with: " ")
        let chunks = Chunker().chunks(of: text)
        for chunk in chunks {
            #expect(chunk.text.hasSuffix("."))
            #expect(chunk.text.hasPrefix("Clause"))
        }
    }

    @Test("text without any boundary is cut hard on character boundaries within the maximum")
    func hardCut() {
        let text = String(repeating: "é", count: 5000)
        let chunks = Chunker().chunks(of: text)
        #expect(chunks.count >= 5)
        for chunk in chunks {
            #expect(chunk.text.unicodeScalars.count <= 1200)
            #expect(bytes(text, chunk) == Array(chunk.text.utf8))
        }
    }

    @Test("blank and tiny documents")
    func edgeCases() {
        #expect(Chunker().chunks(of: "").isEmpty)
        #expect(Chunker().chunks(of: " \n\n\t ").isEmpty)
        let single = Chunker().chunks(of: "  Short clause.  ")
        #expect(single.count == 1)
        #expect(single.first?.text == "Short clause.")
        #expect(single.first?.start == 2)
    }

    @Test("offsets map back on every real contract", .enabled(if: SharedCorpus.isPresent, "contracts corpus absent"))
    func realContracts() {
        for (_, text) in SharedCorpus.contracts() {
            let chunks = Chunker().chunks(of: text)
            #expect(!chunks.isEmpty)
            for chunk in chunks {
                #expect(bytes(text, chunk) == Array(chunk.text.utf8))
                #expect(chunk.text.unicodeScalars.count <= 1200)
            }
        }
    }
}
