/// One token of the human-readable schema format.
struct SchemaToken: Sendable {
    enum Kind: Equatable, Sendable {
        case identifier(String)
        case string(String)
        case symbol(String)
        case end
    }

    let kind: Kind
    let line: Int
    let column: Int

    /// The token as Cedar quotes it in messages.
    var display: String {
        switch kind {
        case .identifier(let name): "`\(name)`"
        case .string(let text): "`\"\(text)\"`"
        case .symbol(let symbol): "`\(symbol)`"
        case .end: "end of input"
        }
    }
}

/// Splits `.cedarschema` text into tokens, skipping whitespace and `//` comments.
enum SchemaLexer {
    private static let symbols: Set<Character> = ["{", "}", "[", "]", "(", ")", "<", ">", ",", ";", ":", "?", "=", "@"]

    static func tokenize(_ text: String) throws(SchemaError) -> [SchemaToken] {
        let chars = Array(text.unicodeScalars)
        var tokens: [SchemaToken] = []
        var index = 0
        var line = 1
        var lineStart = 0
        while index < chars.count {
            let char = chars[index]
            let column = index - lineStart + 1
            if char == "\n" {
                index += 1
                line += 1
                lineStart = index
            } else if char.properties.isWhitespace {
                index += 1
            } else if char == "/", index + 1 < chars.count, chars[index + 1] == "/" {
                while index < chars.count, chars[index] != "\n" { index += 1 }
            } else if char == "\"" {
                let text = try string(chars, &index, line: line, column: column)
                tokens.append(SchemaToken(kind: .string(text), line: line, column: column))
            } else if isIdentifierStart(char) {
                let start = index
                while index < chars.count, isIdentifierStart(chars[index]) || ("0"..."9").contains(chars[index]) {
                    index += 1
                }
                let name = String(String.UnicodeScalarView(chars[start..<index]))
                tokens.append(SchemaToken(kind: .identifier(name), line: line, column: column))
            } else if char == ":", index + 1 < chars.count, chars[index + 1] == ":" {
                index += 2
                tokens.append(SchemaToken(kind: .symbol("::"), line: line, column: column))
            } else if symbols.contains(Character(char)) {
                index += 1
                tokens.append(SchemaToken(kind: .symbol(String(char)), line: line, column: column))
            } else {
                throw SchemaError(parse: "invalid token `\(char)`", line: line, column: column)
            }
        }
        tokens.append(SchemaToken(kind: .end, line: line, column: index - lineStart + 1))
        return tokens
    }

    private static func isIdentifierStart(_ char: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(char) || ("A"..."Z").contains(char) || char == "_"
    }

    /// Reads a quoted string with Cedar's escapes (`\n \r \t \\ \0 \' \" \u{…}`).
    private static func string(
        _ chars: [Unicode.Scalar],
        _ index: inout Int,
        line: Int,
        column: Int
    ) throws(SchemaError) -> String {
        var out = String.UnicodeScalarView()
        index += 1
        while index < chars.count {
            let char = chars[index]
            index += 1
            if char == "\"" { return String(out) }
            guard char == "\\" else {
                out.append(char)
                continue
            }
            guard index < chars.count else { break }
            let escaped = chars[index]
            index += 1
            switch escaped {
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "0": out.append("\0")
            case "\\", "\"", "'": out.append(escaped)
            case "u":
                guard let scalar = unicodeEscape(chars, &index) else {
                    throw SchemaError(parse: "invalid unicode escape in string literal", line: line, column: column)
                }
                out.append(scalar)
            default:
                throw SchemaError(parse: "invalid escape `\\\(escaped)` in string literal", line: line, column: column)
            }
        }
        throw SchemaError(parse: "unterminated string literal", line: line, column: column)
    }

    private static func unicodeEscape(_ chars: [Unicode.Scalar], _ index: inout Int) -> Unicode.Scalar? {
        guard index < chars.count, chars[index] == "{" else { return nil }
        var digits = ""
        index += 1
        while index < chars.count, chars[index] != "}", digits.count <= 6 {
            digits.unicodeScalars.append(chars[index])
            index += 1
        }
        guard index < chars.count, chars[index] == "}", (1...6).contains(digits.count),
            let value = UInt32(digits, radix: 16)
        else { return nil }
        index += 1
        return Unicode.Scalar(value)
    }
}
