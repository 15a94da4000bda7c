/// Splits Cedar policy text into tokens, skipping whitespace and `//` comments.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    private static let twoCharSymbols: Set<String> = ["==", "!=", "<=", ">=", "&&", "||", "::"]
    private static let oneCharSymbols: Set<Unicode.Scalar> = [
        "(", ")", "[", "]", "{", "}", ",", ";", ".", ":", "@", "<", ">", "+", "-", "*", "!", "=", "/", "%",
    ]

    /// Tokenises `text`; the last token is always `.end`.
    static func tokenize(_ text: String) throws(CedarError) -> [Token] {
        var lexer = Lexer(scalars: Array(text.unicodeScalars))
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private var position: SourcePosition { SourcePosition(line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func skipTrivia() {
        while let scalar = peek() {
            if scalar == "/" && peek(1) == "/" {
                while let next = peek(), next != "\n" { advance() }
            } else if scalar.properties.isWhitespace {
                advance()
            } else {
                return
            }
        }
    }

    private mutating func next() throws(CedarError) -> Token {
        skipTrivia()
        let start = position
        guard let scalar = peek() else { return Token(kind: .end, position: start) }
        if scalar.isIdentifierStart { return Token(kind: .identifier(identifier()), position: start) }
        if scalar.isASCIIDigit {
            let begin = index
            while let next = peek(), next.isASCIIDigit { advance() }
            return Token(kind: .integer(String(String.UnicodeScalarView(scalars[begin..<index]))), position: start)
        }
        if scalar == "\"" { return Token(kind: .string(try stringBody(start)), position: start) }
        if scalar == "?" {
            advance()
            guard let next = peek(), next.isIdentifierStart else {
                throw CedarError(parseError: "invalid token `?`", at: start)
            }
            return Token(kind: .slot(identifier()), position: start)
        }
        if let second = peek(1), Lexer.twoCharSymbols.contains(String(scalar) + String(second)) {
            advance()
            advance()
            return Token(kind: .symbol(String(scalar) + String(second)), position: start)
        }
        guard Lexer.oneCharSymbols.contains(scalar) else {
            throw CedarError(parseError: "invalid token `\(EntityUID.escape(String(scalar)))`", at: start)
        }
        advance()
        return Token(kind: .symbol(String(scalar)), position: start)
    }

    private mutating func identifier() -> String {
        let begin = index
        while let next = peek(), next.isIdentifierStart || next.isASCIIDigit { advance() }
        return String(String.UnicodeScalarView(scalars[begin..<index]))
    }

    private mutating func stringBody(_ start: SourcePosition) throws(CedarError) -> String {
        advance()
        let begin = index
        while let next = peek() {
            if next == "\"" {
                let body = String(String.UnicodeScalarView(scalars[begin..<index]))
                advance()
                return body
            }
            if next == "\\" && peek(1) != nil { advance() }
            advance()
        }
        throw CedarError(parseError: "unterminated string literal", at: start)
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { value >= 48 && value <= 57 }
    var isIdentifierStart: Bool {
        (value >= 65 && value <= 90) || (value >= 97 && value <= 122) || value == 95
    }
}
