import Foundation
import TestSupport
import Testing

@testable import Knowledge

/// Retrieval quality on the real contracts: questions are built generically from each document's own text.
@Suite("Retrieval quality on the contracts corpus", .enabled(if: SharedCorpus.isPresent, "contracts corpus absent"))
struct RetrievalQualityTests {
    /// One question and the document it should find.
    struct Probe {
        let documentID: String
        let question: String
    }

    /// Generic words of contract openings that name no party.
    private static let boilerplate: Set<String> = [
        "agreement", "exhibit", "party", "parties", "effective", "date", "inc", "llc", "ltd", "corporation",
        "company", "limited", "whereas", "now", "therefore", "this", "the", "by", "and", "between", "recitals",
        "execution", "copy", "section", "article", "confidential", "treatment", "redacted", "source",
    ]

    @Test("top-3 retrieval finds the right contract for questions built from each contract")
    func accuracy() throws {
        let contracts = SharedCorpus.contracts()
        let knowledge = KnowledgeService(
            storeFor: { [store = try SQLiteKnowledgeStore.inMemory()] _ in store },
            embedder: HashedNGramEmbedder()
        )
        for (id, text) in contracts {
            _ = try knowledge.ingest(tenant: "eval", kb: "contracts", documentID: id, title: id, text: text)
        }

        let frequencies = documentFrequencies(contracts.map(\.text))
        let distinctive = contracts.compactMap { distinctiveProbe($0.id, $0.text, frequencies, contracts.count) }
        let parties = contracts.compactMap { partyProbe($0.id, $0.text) }
        let middle = contracts.compactMap { middleProbe($0.id, $0.text) }

        let distinctiveScore = try evaluate(distinctive, knowledge, label: "distinctive sentence")
        let partyScore = try evaluate(parties, knowledge, label: "party names")
        let middleScore = try evaluate(middle, knowledge, label: "middle sentence")
        #expect(distinctive.count == contracts.count)
        #expect(distinctiveScore.top3 >= 0.9)
        #expect(partyScore.top3 >= 0.8)
        #expect(middleScore.top3 >= 0.8)
    }

    private func evaluate(
        _ probes: [Probe],
        _ knowledge: KnowledgeService,
        label: String
    ) throws
        -> (top1: Double, top3: Double)
    {
        var top1 = 0
        var top3 = 0
        for probe in probes {
            let hits = try knowledge.retrieve(tenant: "eval", kb: "contracts", query: probe.question, topK: 3).chunks
            if hits.first?.documentID == probe.documentID { top1 += 1 }
            if hits.contains(where: { $0.documentID == probe.documentID }) { top3 += 1 }
        }
        let count = Double(max(probes.count, 1))
        let scores = (Double(top1) / count, Double(top3) / count)
        print("retrieval [\(label)] n=\(probes.count) top-1=\(percent(scores.0)) top-3=\(percent(scores.1))")
        return scores
    }

    private func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    /// Sentences of 12–60 words, whitespace normalised.
    private func sentences(_ text: String) -> [String] {
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var result: [String] = []
        var current = ""
        for word in flat.split(separator: " ") {
            current += current.isEmpty ? String(word) : " " + word
            if word.hasSuffix(".") || word.hasSuffix(";") {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result.filter { (12...60).contains($0.split(separator: " ").count) }
    }

    private func documentFrequencies(_ texts: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for text in texts {
            for word in Set(WordTokenizer.contentWords(text)) { counts[word, default: 0] += 1 }
        }
        return counts
    }

    /// The sentence with the highest mean IDF, reduced to its first 12 content words.
    private func distinctiveProbe(_ id: String, _ text: String, _ frequencies: [String: Int], _ total: Int) -> Probe? {
        func meanIDF(_ sentence: String) -> Double {
            let words = WordTokenizer.contentWords(sentence)
            let sum = words.reduce(0.0) { $0 + log(Double(total) / Double(max(frequencies[$1] ?? 1, 1))) }
            return sum / Double(max(words.count, 1))
        }
        guard let best = sentences(text).max(by: { meanIDF($0) < meanIDF($1) }) else { return nil }
        return Probe(documentID: id, question: WordTokenizer.contentWords(best).prefix(12).joined(separator: " "))
    }

    /// "Which agreement is between …?" naming the first capitalised, non-boilerplate words of the opening.
    private func partyProbe(_ id: String, _ text: String) -> Probe? {
        var names: [String] = []
        for word in text.prefix(1200).split(whereSeparator: { !$0.isLetter }) {
            let lower = word.lowercased()
            guard word.count > 2, word.first?.isUppercase == true, !Self.boilerplate.contains(lower),
                !WordTokenizer.stopWords.contains(lower), !names.contains(lower)
            else { continue }
            names.append(lower)
            if names.count == 6 { break }
        }
        guard names.count >= 2 else { return nil }
        return Probe(documentID: id, question: "Which agreement is between \(names.joined(separator: " "))?")
    }

    /// A sentence from the middle of the document, content words only, as a less distinctive question.
    private func middleProbe(_ id: String, _ text: String) -> Probe? {
        let all = sentences(text)
        guard !all.isEmpty else { return nil }
        let words = WordTokenizer.contentWords(all[all.count / 2])
        return Probe(documentID: id, question: "What does it say about " + words.prefix(10).joined(separator: " "))
    }
}
