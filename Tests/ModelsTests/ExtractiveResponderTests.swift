import Foundation
import Testing

@testable import Models

@Suite("ExtractiveResponder")
struct ExtractiveResponderTests {
    private let licence = """
        ARTICLE 5
        ROYALTIES

        5.1 The Licensee shall pay the Licensor a royalty of seven
        percent of Net Sales, payable within thirty days after the end
        of each calendar quarter.

        12

        5.2 All payments shall be made in U.S. dollars by wire transfer to the account designated by Licensor.
        Late payments bear interest at one percent per month.
        """
    private let supply = """
        7. TERMINATION

        Either party may terminate this Agreement upon sixty days written notice if the other party commits a
        material breach and fails to cure it. Upon termination the Distributor shall return all Products.
        """

    private func ask(_ question: String, maxTokens: Int? = nil) async throws -> ChatResponse {
        let context = "<context id=\"LIC-1\">\(licence)</context>\n<context id='SUP-9'>\(supply)</context>"
        let request = ChatRequest(
            model: "",
            messages: [.init(role: .system, content: context), .init(role: .user, content: question)],
            maxTokens: maxTokens
        )
        return try await ExtractiveResponder().complete(request)
    }

    @Test("answers with the matching sentences, each followed by its passage's citation")
    func answersWithCitations() async throws {
        let reply = try await ask("When is the royalty payable?")
        #expect(reply.content.contains("The Licensee shall pay the Licensor a royalty of seven percent of Net Sales"))
        #expect(reply.content.contains("calendar quarter. [LIC-1]"))
        #expect(!reply.content.contains("SUP-9"))
        #expect(reply.finishReason == "stop")
        #expect(reply.model == ExtractiveResponder.modelName)

        let termination = try await ask("Can a party terminate for breach?")
        #expect(termination.content.hasPrefix("Either party may terminate this Agreement upon sixty days"))
        #expect(termination.content.contains("[SUP-9]") && !termination.content.contains("[LIC-1]"))
    }

    @Test("joins hard-wrapped lines, drops page numbers and never answers with a heading")
    func pdfArtefacts() {
        let sentences = SentenceSplitter.sentences(in: licence)
        #expect(sentences.filter(\.isHeading).map(\.text) == ["ARTICLE 5", "ROYALTIES"])
        let body = sentences.filter { !$0.isHeading }.map(\.text)
        #expect(body.first?.hasSuffix("after the end of each calendar quarter.") == true)
        #expect(
            body.contains(
                "5.2 All payments shall be made in U.S. dollars by wire transfer to the account designated by Licensor."
            )
        )
        #expect(!body.contains("12"))
    }

    @Test("a clause heading run into its paragraph is never given as an answer")
    func inlineHeading() async throws {
        let passage =
            "10.4 Governing Law. The laws of the State of Florida shall govern this Agreement, without "
            + "reference to conflicts of law provisions. 13.3 GOVERNING LAW. This clause is void."
        let request = ChatRequest(
            model: "",
            messages: [
                .init(role: .user, content: "<context id=\"G\">\(passage)</context>\nWhich law governs?")
            ]
        )
        let reply = try await ExtractiveResponder().complete(request).content
        #expect(reply.contains("The laws of the State of Florida shall govern this Agreement"))
        #expect(!reply.contains("10.4 Governing Law."))
        #expect(!reply.contains("GOVERNING LAW."))
    }

    @Test("says so plainly when nothing matches or no context was supplied")
    func noMatch() async throws {
        #expect(try await ask("Who owns the giraffes of Antarctica?").content == ExtractiveResponder.noMatchReply)
        let bare = ChatRequest(model: "m", messages: [.init(role: .user, content: "What is the royalty?")])
        #expect(try await ExtractiveResponder().complete(bare).content == ExtractiveResponder.noContextReply)
        await #expect(throws: ModelError.self) {
            try await ExtractiveResponder().complete(ChatRequest(model: "m", messages: []))
        }
    }

    @Test("is deterministic and cuts to maxTokens with finish reason length")
    func deterministicAndBounded() async throws {
        let first = try await ask("Summarise the agreement")
        let second = try await ask("Summarise the agreement")
        #expect(first.content == second.content && first.id == second.id)
        #expect(first.content.contains("[LIC-1]") && first.content.contains("[SUP-9]"))

        let short = try await ask("Summarise the agreement", maxTokens: 12)
        #expect(short.finishReason == "length")
        #expect(short.usage.completionTokens <= 12)
        #expect(short.usage.completionTokens == TokenCounter.count(short.content))
    }

    @Test("reads context blocks from any message and the question from the last user message only")
    func parsing() {
        let prompt = ParsedPrompt([
            .init(role: .user, content: "old question"),
            .init(role: .assistant, content: "<CONTEXT id=\"A\">alpha</CONTEXT>"),
            .init(role: .user, content: "before <context id=\"B\">beta</context> after <context>no id</context>"),
        ])
        #expect(prompt.passages == [ContextPassage(id: "A", text: "alpha"), ContextPassage(id: "B", text: "beta")])
        #expect(prompt.question == "before   after")
    }
}
