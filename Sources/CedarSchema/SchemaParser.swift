/// A recursive-descent parser for Cedar's human-readable schema format (`.cedarschema`).
struct SchemaParser {
    private let tokens: [SchemaToken]
    private var index = 0
    /// How deeply the type being read nests so far (see ``maximumTypeDepth``).
    var typeDepth = 0

    /// The deepest type accepted (`Set<Set<…>>`, records in records); real schemas stay below 10, and the bound
    /// keeps the parser, the resolver and the validator's recursion over types far from the end of the stack.
    /// The JSON schema format is bounded by the JSON reader's nesting limit (64).
    static let maximumTypeDepth = 64

    /// Parses a whole schema into a fragment (names unresolved).
    static func parse(_ text: String) throws(SchemaError) -> SchemaFragment {
        var parser = SchemaParser(tokens: try SchemaLexer.tokenize(text))
        return try parser.schema()
    }

    private init(tokens: [SchemaToken]) { self.tokens = tokens }

    // MARK: - Token helpers

    var current: SchemaToken { tokens[index] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    func isKeyword(_ word: String) -> Bool { current.kind == .identifier(word) }

    mutating func accept(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func acceptKeyword(_ word: String) -> Bool {
        guard isKeyword(word) else { return false }
        advance()
        return true
    }

    mutating func expect(_ symbol: String) throws(SchemaError) {
        guard accept(symbol) else { throw unexpected(expected: "`\(symbol)`") }
    }

    func unexpected(expected: String) -> SchemaError {
        let found = current.kind == .end ? "unexpected end of input" : "unexpected token \(current.display)"
        return SchemaError(parse: "\(found), expected \(expected)", line: current.line, column: current.column)
    }

    mutating func identifier(expected: String = "an identifier") throws(SchemaError) -> String {
        guard case .identifier(let name) = current.kind else { throw unexpected(expected: expected) }
        advance()
        return name
    }

    /// Identifiers that cannot name a declaration or an attribute.
    static let reserved: Set<String> = ["true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar"]

    /// An identifier that names something being declared: reserved words are refused.
    mutating func declaredName(expected: String) throws(SchemaError) -> String {
        let (line, column) = (current.line, current.column)
        let name = try identifier(expected: expected)
        guard !Self.reserved.contains(name) else {
            throw SchemaError(parse: "`\(name)` is a reserved identifier", line: line, column: column)
        }
        return name
    }

    /// `Name ::= IDENT | STR`
    mutating func name(expected: String) throws(SchemaError) -> String {
        if case .string(let text) = current.kind {
            advance()
            return text
        }
        return try declaredName(expected: expected)
    }

    /// `Path ::= IDENT {'::' IDENT}`
    mutating func path() throws(SchemaError) -> String {
        var parts = [try identifier(expected: "a name")]
        while isSymbol("::"), case .identifier = tokens[index + 1].kind {
            advance()
            parts.append(try identifier())
        }
        return parts.joined(separator: "::")
    }

    // MARK: - Declarations

    private mutating func schema() throws(SchemaError) -> SchemaFragment {
        var fragment = SchemaFragment()
        var topLevel = SchemaFragment.Namespace(name: "")
        while current.kind != .end {
            try annotations()
            if acceptKeyword("namespace") {
                let (line, column) = (current.line, current.column)
                var namespace = SchemaFragment.Namespace(name: try path())
                guard !namespace.name.split(separator: ":").contains(where: { Self.reserved.contains(String($0)) })
                else {
                    throw SchemaError(
                        parse: "use of the reserved namespace `\(namespace.name)`",
                        line: line,
                        column: column
                    )
                }
                guard !fragment.namespaces.contains(where: { $0.name == namespace.name }) else {
                    throw SchemaError(parse: "duplicate namespace id: `\(namespace.name)`", line: line, column: column)
                }
                try expect("{")
                while !accept("}") { try declaration(into: &namespace) }
                fragment.namespaces.append(namespace)
            } else {
                try declaration(into: &topLevel)
            }
        }
        if !topLevel.entityTypes.isEmpty || !topLevel.actions.isEmpty || !topLevel.commonTypes.isEmpty
            || fragment.namespaces.isEmpty
        {
            fragment.namespaces.insert(topLevel, at: 0)
        }
        return fragment
    }

    /// Skips `@name` and `@name("value")` annotations, which carry no meaning for validation.
    private mutating func annotations() throws(SchemaError) {
        while accept("@") {
            _ = try identifier(expected: "an annotation name")
            if accept("(") {
                guard case .string = current.kind else { throw unexpected(expected: "a string literal") }
                advance()
                try expect(")")
            }
        }
    }

    private mutating func declaration(into namespace: inout SchemaFragment.Namespace) throws(SchemaError) {
        try annotations()
        if acceptKeyword("entity") {
            namespace.entityTypes += try entityDeclaration()
        } else if acceptKeyword("action") {
            namespace.actions += try actionDeclaration()
        } else if acceptKeyword("type") {
            let name = try declaredName(expected: "a type name")
            try expect("=")
            namespace.commonTypes.append((name, try typeExpr()))
            try expect(";")
        } else {
            throw unexpected(expected: "`entity`, `action`, `type` or `namespace`")
        }
    }

    /// `entity Idents ['in' EntOrTyps] [['='] RecType] ['tags' Type] ';'` or `entity Idents enum [STR+] ';'`
    private mutating func entityDeclaration() throws(SchemaError) -> [SchemaFragment.EntityDecl] {
        var names = [try declaredName(expected: "an entity type name")]
        while accept(",") { names.append(try declaredName(expected: "an entity type name")) }
        var decl = SchemaFragment.EntityDecl(name: "")
        if acceptKeyword("enum") {
            try expect("[")
            var choices: [String] = []
            repeat {
                guard case .string(let text) = current.kind else { throw unexpected(expected: "a string literal") }
                advance()
                choices.append(text)
            } while accept(",") && !isSymbol("]")
            try expect("]")
            decl.enumChoices = choices
        } else {
            if acceptKeyword("in") { decl.memberOfTypes = try typeList() }
            if accept("=") {
                decl.shape = try recordType()
            } else if isSymbol("{") {
                decl.shape = try recordType()
            }
            if acceptKeyword("tags") { decl.tags = try typeExpr() }
        }
        try expect(";")
        return names.map { name in
            var copy = decl
            copy.name = name
            return copy
        }
    }

    /// `EntOrTyps ::= Path | '[' [Path {',' Path}] ']'`
    mutating func typeList() throws(SchemaError) -> [String] {
        guard accept("[") else { return [try path()] }
        var names: [String] = []
        if accept("]") { return names }
        repeat { names.append(try path()) } while accept(",")
        try expect("]")
        return names
    }
}
