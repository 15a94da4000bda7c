import Foundation

/// The built-in offline provider. **Not a language model**: it writes nothing of its own, it only selects and
/// orders sentences from the context passages supplied in the request, each followed by its citation.
///
/// Convention: passages arrive as `<context id="DOC-ID">…</context>` blocks in any message; the question is the
/// last user message's text outside those blocks.
/// - **Question**: sentences are scored by BM25 against the question's content words (stop words removed, light
///   stemming); the best few (at most ``maximumAnswerSentences``, each scoring at least half the best) are returned
///   in passage order, each followed by ` [DOC-ID]`.
/// - **Summary** (the question contains `summarise`, `summarize` or `summary`): the opening sentence of each cited
///   document plus the sentences closest to the passages' centroid, skipping near-duplicates, up to
///   ``summaryCharacterBudget`` characters, in passage order, each cited.
/// - If nothing matches, or no passages were supplied, the reply says so plainly.
///
/// Output is deterministic for a given request (only `created` varies). Usage is counted with ``TokenCounter``;
/// when `maxTokens` is set the reply is cut to fit it and `finishReason` is `length`.
public struct ExtractiveResponder: ModelProvider {
    /// Most sentences in an answer. Default 3.
    public let maximumAnswerSentences: Int
    /// Longest summary in characters. Default 1200.
    public let summaryCharacterBudget: Int
    /// Model name reported when the request names none.
    public static let modelName = "agentry-extractive-v1"

    /// Reply when the question shares no content word with any passage.
    public static let noMatchReply = "The supplied context does not contain a passage that answers this question."
    /// Reply when the request carries no context passages.
    public static let noContextReply = "No context passages were supplied, so there is nothing to answer from."
    /// Reply when the last user message asks nothing.
    public static let noQuestionReply = "No question was found in the last user message."

    /// Creates the responder.
    public init(maximumAnswerSentences: Int = 3, summaryCharacterBudget: Int = 1200) {
        self.maximumAnswerSentences = max(1, maximumAnswerSentences)
        self.summaryCharacterBudget = max(80, summaryCharacterBudget)
    }

    /// Answers or summarises from the request's context passages; see the type documentation.
    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        guard !request.messages.isEmpty else { throw ModelError.invalidRequest("messages must not be empty") }
        let prompt = ParsedPrompt(request.messages)
        let sentences = CitedSentence.collect(from: prompt.passages)

        var content: String
        if prompt.passages.isEmpty {
            content = Self.noContextReply
        } else if Self.asksForSummary(prompt.question) {
            content = render(summarise(sentences, question: prompt.question, maxTokens: request.maxTokens))
        } else if TextTerms.terms(prompt.question).isEmpty {
            content = Self.noQuestionReply
        } else {
            content = render(answer(prompt.question, from: sentences))
        }
        if content.isEmpty { content = Self.noMatchReply }

        let (text, truncated) = Self.fit(content, maxTokens: request.maxTokens)
        let usage = TokenUsage(
            promptTokens: TokenCounter.count(request.messages),
            completionTokens: TokenCounter.count(text)
        )
        return ChatResponse(
            id: "chatcmpl-" + Self.digest(request.messages),
            content: text,
            model: request.model.isEmpty ? Self.modelName : request.model,
            finishReason: truncated ? "length" : "stop",
            usage: usage
        )
    }

    /// Whether the question asks for a summary.
    static func asksForSummary(_ question: String) -> Bool {
        let markers: Set<String> = ["summary", "summarise", "summarize", "summarised", "summarized", "summaries"]
        return TextTerms.words(question).contains(where: markers.contains)
    }

    /// The best-scoring sentences for `question`, in passage order.
    func answer(_ question: String, from sentences: [CitedSentence]) -> [CitedSentence] {
        let candidates = sentences.filter { !$0.isHeading && $0.terms.count >= 3 }
        let scores = BM25(documents: candidates.map(\.terms)).scores(for: TextTerms.terms(question))
        guard let best = scores.max(), best > 0 else { return [] }

        let ranked = candidates.indices.filter { scores[$0] >= best * 0.5 }
            .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        return ranked.prefix(maximumAnswerSentences).sorted().map { candidates[$0] }
    }

    /// Sentences each followed by their citation, separated by spaces.
    func render(_ sentences: [CitedSentence]) -> String {
        sentences.map { "\($0.text) [\($0.documentID)]" }.joined(separator: " ")
    }

    /// `content` cut to whole words within `maxTokens`, and whether it was cut.
    static func fit(_ content: String, maxTokens: Int?) -> (String, Bool) {
        guard let maxTokens, maxTokens > 0, TokenCounter.count(content) > maxTokens else { return (content, false) }
        var kept = ""
        for word in content.split(separator: " ") {
            let candidate = kept.isEmpty ? String(word) : kept + " " + word
            if TokenCounter.count(candidate) > maxTokens { break }
            kept = candidate
        }
        return (kept, true)
    }

    /// A stable 64-bit FNV-1a digest of the messages, as 16 hex digits.
    static func digest(_ messages: [ChatMessage]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for message in messages {
            for byte in Array(message.role.rawValue.utf8) + [0] + Array(message.content.utf8) + [0] {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        return String(format: "%016llx", hash)
    }
}
