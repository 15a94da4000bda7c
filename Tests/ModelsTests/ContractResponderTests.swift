import Foundation
import TestSupport
import Testing

@testable import Models

/// The extractive responder on the real contracts, with prompts built generically from each contract.
@Suite("ExtractiveResponder on the contracts corpus", .enabled(if: SharedCorpus.isPresent, "contracts corpus absent"))
struct ContractResponderTests {
    /// Whitespace-collapsed text, the form sentences are compared in.
    private func flat(_ text: String) -> String { SentenceSplitter.collapse(text) }

    /// Every `[token]` in `text` whose token has a letter or digit (so `[***]` redactions are not tokens).
    private func bracketTokens(_ text: String) -> [String] {
        let pattern = try? NSRegularExpression(pattern: #"\[([^\[\]\s]*[A-Za-z0-9][^\[\]\s]*)\]"#)
        let range = NSRange(text.startIndex..., in: text)
        return (pattern?.matches(in: text, range: range) ?? []).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The reply cut at each ` [id]` citation of a supplied id: (sentence, id) pairs.
    private func citedSentences(_ reply: String, ids: [String]) -> [(sentence: String, id: String)] {
        var result: [(String, String)] = []
        var rest = Substring(reply)
        while let hit = ids.compactMap({ id in rest.range(of: " [\(id)]").map { ($0, id) } })
            .min(by: { $0.0.lowerBound < $1.0.lowerBound })
        {
            result.append((rest[..<hit.0.lowerBound].trimmingCharacters(in: .whitespaces), hit.1))
            rest = rest[hit.0.upperBound...]
        }
        return result
    }

    /// Fails for any bracketed token in the reply that is neither a supplied id nor text of a supplied passage.
    private func expectOnlySuppliedCitations(_ reply: String, _ supplied: [(id: String, text: String)]) {
        let ids = Set(supplied.map(\.id))
        for token in bracketTokens(reply) where !ids.contains(token) {
            #expect(supplied.contains { $0.text.contains("[\(token)]") }, "cited an id that was not supplied")
        }
    }

    /// The contract cut into three passages on paragraph breaks, with ids `<id>#1` … `<id>#3`.
    private func passages(of id: String, _ text: String) -> [(id: String, text: String)] {
        let paragraphs = text.components(separatedBy: "\n\n")
        let third = max(1, paragraphs.count / 3)
        return (0..<3).map { part in
            let slice = paragraphs.dropFirst(part * third).prefix(part == 2 ? Int.max : third)
            return ("\(id)#\(part + 1)", slice.joined(separator: "\n\n"))
        }
    }

    @Test("answers cite only supplied ids and quote sentences of the cited passage")
    func answersCiteSuppliedIDs() async throws {
        let contracts = SharedCorpus.contracts()
        var answered = 0
        for (index, (id, text)) in contracts.enumerated() {
            let other = contracts[(index + 1) % contracts.count]
            let supplied = passages(of: id, text) + [("OTHER-\(index)", other.text)]
            let question = questionFrom(text)
            let context = supplied.map { "<context id=\"\($0.id)\">\($0.text)</context>" }.joined(separator: "\n")
            let request = ChatRequest(
                model: "extractive",
                messages: [
                    .init(role: .system, content: "Answer from the context.\n" + context),
                    .init(role: .user, content: question),
                ]
            )
            let reply = try await ExtractiveResponder().complete(request)

            expectOnlySuppliedCitations(reply.content, supplied)
            let cited = citedSentences(reply.content, ids: supplied.map(\.id))
            #expect(!cited.isEmpty)
            let texts = Dictionary(supplied.map { ($0.id, flat($0.text)) }, uniquingKeysWith: { first, _ in first })
            for (sentence, citedID) in cited {
                #expect(texts[citedID]?.contains(sentence) == true, "sentence not found in the cited passage")
            }
            if cited.contains(where: { $0.id.hasPrefix(id) }) { answered += 1 }
            #expect(reply.usage.promptTokens == TokenCounter.count(request.messages))
            #expect(reply.usage.completionTokens == TokenCounter.count(reply.content))
        }
        print("responder: \(answered)/\(contracts.count) answers cite the contract the question came from")
        #expect(answered >= contracts.count * 9 / 10)
    }

    @Test("a summary of a contract is non-empty, bounded and made of that contract's sentences")
    func summaries() async throws {
        for (id, text) in SharedCorpus.contracts() {
            let request = ChatRequest(
                model: "extractive",
                messages: [
                    .init(
                        role: .user,
                        content: "<context id=\"\(id)\">\(text)</context>\nPlease summarise this contract."
                    )
                ]
            )
            let reply = try await ExtractiveResponder().complete(request)
            expectOnlySuppliedCitations(reply.content, [(id, text)])
            let cited = citedSentences(reply.content, ids: [id])
            #expect(!cited.isEmpty)
            #expect(reply.content.count <= 1200 + 600)  // budget, plus at most one long opening sentence
            #expect(cited.allSatisfy { $0.id == id })
            for (sentence, _) in cited {
                #expect(flat(text).contains(sentence), "summary sentence not in the contract")
            }
            if id.hasPrefix("cuad_01") || id.hasPrefix("cuad_06") {
                print("summary \(id.prefix(7)): \(reply.content)\n")
            }
        }
    }

    /// A question from the contract's own words: the content words of a sentence a third of the way in.
    private func questionFrom(_ text: String) -> String {
        let sentences = SentenceSplitter.sentences(in: text).filter { !$0.isHeading && $0.text.count > 80 }
        guard !sentences.isEmpty else { return "What does the agreement say?" }
        let words = TextTerms.words(sentences[sentences.count / 3].text).filter { !TextTerms.stopWords.contains($0) }
        return "What does the contract say about " + words.prefix(8).joined(separator: " ") + "?"
    }
}
