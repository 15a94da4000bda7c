import Foundation

/// Token counts of one completion.
public struct TokenUsage: Sendable, Hashable {
    /// Tokens in the prompt (all request messages).
    public var promptTokens: Int
    /// Tokens in the reply.
    public var completionTokens: Int
    /// True when the counts were computed here with ``TokenCounter`` rather than reported by the provider.
    public var estimated: Bool

    /// `promptTokens + completionTokens`.
    public var totalTokens: Int { promptTokens + completionTokens }

    /// Creates a usage record.
    public init(promptTokens: Int, completionTokens: Int, estimated: Bool = false) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.estimated = estimated
    }
}

extension TokenUsage: Codable {
    private enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
    }

    /// Decodes the OpenAI JSON form.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        promptTokens = try container.decodeIfPresent(Int.self, forKey: .promptTokens) ?? 0
        completionTokens = try container.decodeIfPresent(Int.self, forKey: .completionTokens) ?? 0
        estimated = false
    }

    /// Encodes the OpenAI JSON form.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(completionTokens, forKey: .completionTokens)
        try container.encode(totalTokens, forKey: .totalTokens)
    }
}

/// A chat-completion reply in the OpenAI `/v1/chat/completions` JSON shape (one choice).
///
/// Encodes as `{"id", "object": "chat.completion", "created", "model", "choices": [{"index": 0, "message":
/// {"role": "assistant", "content"}, "finish_reason"}], "usage": {"prompt_tokens", "completion_tokens",
/// "total_tokens"}}`. Decoding reads the first choice; a `null` content decodes as empty. A reply without `usage`
/// decodes with an *estimated* usage (``TokenUsage/estimated``): completion tokens counted with ``TokenCounter``
/// and prompt tokens 0, which ``OpenAICompatibleProvider`` then replaces with a count of the request — usage is
/// never silently recorded as zero.
public struct ChatResponse: Sendable, Hashable {
    /// Completion id, e.g. `chatcmpl-…`.
    public var id: String
    /// Creation time in seconds since 1970.
    public var created: Int
    /// The assistant's reply text.
    public var content: String
    /// Model that produced the reply.
    public var model: String
    /// Why generation stopped: `stop`, `length`, …
    public var finishReason: String
    /// Token counts (reported by the provider, or estimated: see ``TokenUsage/estimated``).
    public var usage: TokenUsage

    /// Creates a response.
    public init(
        id: String,
        created: Int = Int(Date().timeIntervalSince1970),
        content: String,
        model: String,
        finishReason: String,
        usage: TokenUsage
    ) {
        self.id = id
        self.created = created
        self.content = content
        self.model = model
        self.finishReason = finishReason
        self.usage = usage
    }
}

extension ChatResponse: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, object, created, model, choices, usage
    }

    private struct Choice: Codable {
        var index: Int
        var message: ChatMessage
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case index, message
            case finishReason = "finish_reason"
        }
    }

    /// Decodes the OpenAI JSON form.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let choices = try container.decode([Choice].self, forKey: .choices)
        guard let first = choices.first else {
            throw DecodingError.dataCorruptedError(forKey: .choices, in: container, debugDescription: "no choices")
        }
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        created = try container.decodeIfPresent(Int.self, forKey: .created) ?? 0
        model = try container.decodeIfPresent(String.self, forKey: .model) ?? ""
        content = first.message.content
        finishReason = first.finishReason ?? "stop"
        usage =
            try container.decodeIfPresent(TokenUsage.self, forKey: .usage)
            ?? TokenUsage(promptTokens: 0, completionTokens: TokenCounter.count(content), estimated: true)
    }

    /// Encodes the OpenAI JSON form.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode("chat.completion", forKey: .object)
        try container.encode(created, forKey: .created)
        try container.encode(model, forKey: .model)
        let choice = Choice(
            index: 0,
            message: ChatMessage(role: .assistant, content: content),
            finishReason: finishReason
        )
        try container.encode([choice], forKey: .choices)
        try container.encode(usage, forKey: .usage)
    }
}
