/// A chat-completion request in the OpenAI `/v1/chat/completions` JSON shape.
///
/// Unknown fields are ignored on decode. `max_completion_tokens` is accepted as an alias of `max_tokens`.
public struct ChatRequest: Sendable, Hashable, Codable {
    /// Model name (or route alias) the caller asked for.
    public var model: String
    /// The conversation, oldest first.
    public var messages: [ChatMessage]
    /// Most tokens the reply may use, or nil for the provider's default.
    public var maxTokens: Int?
    /// Sampling temperature, or nil for the provider's default.
    public var temperature: Double?
    /// Whether the caller asked for a streamed (SSE) reply; providers here answer whole replies only.
    public var stream: Bool?

    /// Creates a request.
    public init(
        model: String,
        messages: [ChatMessage],
        maxTokens: Int? = nil,
        temperature: Double? = nil,
        stream: Bool? = nil
    ) {
        self.model = model
        self.messages = messages
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.stream = stream
    }

    private enum CodingKeys: String, CodingKey {
        case model, messages, temperature, stream
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
    }

    /// Decodes an OpenAI chat-completions request body.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        messages = try container.decode([ChatMessage].self, forKey: .messages)
        maxTokens =
            try container.decodeIfPresent(Int.self, forKey: .maxTokens)
            ?? container.decodeIfPresent(Int.self, forKey: .maxCompletionTokens)
        temperature = try container.decodeIfPresent(Double.self, forKey: .temperature)
        stream = try container.decodeIfPresent(Bool.self, forKey: .stream)
    }

    /// Encodes an OpenAI chat-completions request body; nil fields are omitted.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(messages, forKey: .messages)
        try container.encodeIfPresent(maxTokens, forKey: .maxTokens)
        try container.encodeIfPresent(temperature, forKey: .temperature)
        try container.encodeIfPresent(stream, forKey: .stream)
    }
}
