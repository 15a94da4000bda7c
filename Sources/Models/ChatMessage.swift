/// Who wrote a chat message, as in the OpenAI chat-completions API.
public enum ChatRole: String, Sendable, Hashable, Codable {
    /// Instructions from the deployer.
    case system
    /// Instructions from the deployer (newer OpenAI name for `system`).
    case developer
    /// The end user.
    case user
    /// The model.
    case assistant
    /// A tool result.
    case tool
}

/// One message of a conversation, in the OpenAI `messages[]` JSON shape.
///
/// Decoding accepts `content` as a string, `null`, or an array of parts; the `text` of every `{"type": "text"}`
/// part is joined with newlines and other part types are ignored. Encoding always writes a string.
public struct ChatMessage: Sendable, Hashable, Codable {
    /// Author of the message.
    public var role: ChatRole
    /// Plain-text content.
    public var content: String

    /// Creates a message.
    public init(role: ChatRole, content: String) {
        self.role = role
        self.content = content
    }

    private enum CodingKeys: String, CodingKey {
        case role, content
    }

    private struct Part: Decodable {
        let type: String
        let text: String?
    }

    /// Decodes an OpenAI message; see the type documentation for the accepted `content` forms.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(ChatRole.self, forKey: .role)
        if let text = try? container.decodeIfPresent(String.self, forKey: .content) {
            content = text
        } else if let parts = try? container.decodeIfPresent([Part].self, forKey: .content) {
            content = parts.filter { $0.type == "text" }.compactMap(\.text).joined(separator: "\n")
        } else if try container.decodeNil(forKey: .content) {
            content = ""
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .content,
                in: container,
                debugDescription: "content must be a string or an array of parts"
            )
        }
    }

    /// Encodes `{"role", "content"}` with string content.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        try container.encode(content, forKey: .content)
    }
}
