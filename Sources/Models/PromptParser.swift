import Foundation

/// A context passage supplied in a prompt as `<context id="DOC-ID">…</context>`.
struct ContextPassage: Sendable, Hashable {
    /// The citation id from the tag.
    let id: String
    /// The passage text between the tags.
    let text: String
}

/// A prompt taken apart: the passages it supplies and the question it asks.
struct ParsedPrompt: Sendable, Hashable {
    /// Every context block of every message, in order. Blocks without a non-empty `id` are ignored.
    let passages: [ContextPassage]
    /// The last user message's text outside context blocks, trimmed.
    let question: String

    /// Parses `messages` by the `<context id="…">` convention (tag names case-insensitive, `"` or `'` quotes).
    init(_ messages: [ChatMessage]) {
        var passages: [ContextPassage] = []
        var question = ""
        for message in messages {
            let parts = Self.split(message.content)
            passages += parts.passages
            if message.role == .user { question = parts.outside }
        }
        self.passages = passages
        self.question = question.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The context blocks of `content` and the text outside them. An unclosed block runs to the end.
    static func split(_ content: String) -> (passages: [ContextPassage], outside: String) {
        var passages: [ContextPassage] = []
        var outside = ""
        var cursor = content.startIndex

        while let open = content.range(of: "<context", options: .caseInsensitive, range: cursor..<content.endIndex),
            let tagEnd = content.range(of: ">", range: open.upperBound..<content.endIndex)
        {
            outside += content[cursor..<open.lowerBound] + " "
            let tag = String(content[open.upperBound..<tagEnd.lowerBound])
            let close = content.range(
                of: "</context>",
                options: .caseInsensitive,
                range: tagEnd.upperBound..<content.endIndex
            )
            let body = content[tagEnd.upperBound..<(close?.lowerBound ?? content.endIndex)]
            if let id = identifier(in: tag), !id.isEmpty {
                passages.append(ContextPassage(id: id, text: String(body)))
            }
            cursor = close?.upperBound ?? content.endIndex
        }
        outside += content[cursor...]
        return (passages, outside)
    }

    /// The value of the `id` attribute in the text of an opening tag.
    private static func identifier(in tag: String) -> String? {
        guard let key = tag.range(of: #"\bid\s*=\s*"#, options: [.regularExpression, .caseInsensitive]) else {
            return nil
        }
        let rest = tag[key.upperBound...]
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.trimmingCharacters(in: .whitespaces)
    }
}
