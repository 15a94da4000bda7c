/// A recursive-descent parser for Cedar policy text, following the grammar in the Cedar language reference.
struct Parser {
    let tokens: [Token]
    var index = 0
    /// How deeply the expression being read nests so far (see ``maximumDepth``).
    var nesting = 0

    /// The deepest expression accepted, counting every operator, access, call, set, record, `if` and parenthesis
    /// that encloses a point of the expression (links of a left-associative chain such as `a + b + c` count one
    /// each). Real policies stay below 20; the bound keeps every recursive walker of the syntax tree (evaluator,
    /// formatter, JSON writer, validator) far from the end of a thread's stack.
    package static let maximumDepth = 200

    /// Identifiers that cannot name attributes, variables or types.
    static let reserved: Set<String> = ["true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar"]

    init(text: String) throws(CedarError) {
        tokens = try Lexer.tokenize(text)
    }

    // MARK: Token helpers

    var current: Token { tokens[index] }

    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func isSymbol(_ symbol: String) -> Bool {
        current.kind == .symbol(symbol)
    }

    func isKeyword(_ word: String) -> Bool {
        current.kind == .identifier(word)
    }

    mutating func accept(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        _ = advance()
        return true
    }

    mutating func acceptKeyword(_ word: String) -> Bool {
        guard isKeyword(word) else { return false }
        _ = advance()
        return true
    }

    mutating func expect(_ symbol: String) throws(CedarError) {
        guard accept(symbol) else { throw unexpected(expected: "`\(symbol)`") }
    }

    mutating func expectKeyword(_ word: String) throws(CedarError) {
        guard acceptKeyword(word) else { throw unexpected(expected: "`\(word)`") }
    }

    func unexpected(expected: String? = nil) -> CedarError {
        var message = current.kind == .end ? "unexpected end of input" : "unexpected token \(current.display)"
        if let expected { message += ", expected \(expected)" }
        return CedarError(parseError: message, at: current.position)
    }

    func error(_ message: String, at position: SourcePosition) -> CedarError {
        CedarError(parseError: message, at: position)
    }

    /// Goes `levels` deeper into the expression, refusing to pass ``maximumDepth`` at the current token.
    ///
    /// The caller undoes it with `nesting -= levels` once the nested part is read.
    mutating func descend(_ levels: Int = 1) throws(CedarError) {
        nesting += levels
        guard nesting <= Parser.maximumDepth else {
            let limit = Parser.maximumDepth
            throw error("expression is nested too deeply: the limit is \(limit) levels", at: current.position)
        }
    }

    /// Reads an identifier token, reserved words included.
    mutating func anyIdentifier(expected: String) throws(CedarError) -> String {
        guard case .identifier(let name) = current.kind else { throw unexpected(expected: expected) }
        _ = advance()
        return name
    }

    /// Reads an identifier that is not reserved (attribute names, record keys, `has` operands).
    mutating func plainIdentifier(expected: String) throws(CedarError) -> String {
        let position = current.position
        let name = try anyIdentifier(expected: expected)
        guard !Parser.reserved.contains(name) else {
            throw error("this identifier is reserved and cannot be used: \(name)", at: position)
        }
        return name
    }

    /// Reads a string literal and decodes its escapes.
    mutating func stringLiteral() throws(CedarError) -> String {
        guard case .string(let raw) = current.kind else { throw unexpected(expected: "a string literal") }
        let position = advance().position
        switch StringEscapes.decodeString(raw) {
        case .success(let text): return text
        case .failure(let failure): throw error(failure.message, at: position)
        }
    }

    /// Reads `A::B::C` (a type or namespace path).
    mutating func path() throws(CedarError) -> String {
        var components = [try plainIdentifier(expected: "an identifier")]
        while isSymbol("::"), case .identifier = tokens[index + 1].kind {
            _ = advance()
            components.append(try plainIdentifier(expected: "an identifier"))
        }
        return components.joined(separator: "::")
    }

    /// Reads an entity literal `Type::"id"`.
    mutating func entityLiteral() throws(CedarError) -> EntityUID {
        let type = try path()
        try expect("::")
        return EntityUID(type: type, id: try stringLiteral())
    }
}
