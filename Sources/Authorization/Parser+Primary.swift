extension Parser {
    /// `Member ::= Primary {Access}`
    mutating func member() throws(CedarError) -> Expr {
        var result = try primary()
        var links = 0
        defer { nesting -= links }
        while isSymbol("[") || isSymbol(".") {
            try descend()
            links += 1
            if accept("[") {
                result = .attribute(result, try stringLiteral())
                try expect("]")
            } else if accept(".") {
                let position = current.position
                let name = try plainIdentifier(expected: "an attribute or method name")
                result = isSymbol("(") ? try methodCall(result, name, at: position) : .attribute(result, name)
            }
        }
        return result
    }

    private static let builtinMethods: [String: BinaryOperator] = [
        "contains": .contains, "containsAll": .containsAll, "containsAny": .containsAny,
        "getTag": .getTag, "hasTag": .hasTag,
    ]

    private mutating func methodCall(
        _ receiver: Expr,
        _ name: String,
        at position: SourcePosition
    )
        throws(CedarError) -> Expr
    {
        let arguments = try argumentList()
        if let op = Parser.builtinMethods[name] {
            guard arguments.count == 1 else {
                throw error(
                    "call to `\(name)` requires exactly 1 argument, but got \(arguments.count) arguments",
                    at: position
                )
            }
            return .binary(op, receiver, arguments[0])
        }
        if name == "isEmpty" {
            guard arguments.isEmpty else {
                throw error(
                    "call to `isEmpty` requires exactly 0 arguments, but got \(arguments.count) arguments",
                    at: position
                )
            }
            return .call(.isEmpty, [receiver])
        }
        guard let function = CedarFunction(rawValue: name), !function.isConstructor else {
            throw error("`\(name)` is not a valid method", at: position)
        }
        return Expr.folding(function, [receiver] + arguments)
    }

    private mutating func argumentList() throws(CedarError) -> [Expr] {
        try expect("(")
        var arguments: [Expr] = []
        while !accept(")") {
            arguments.append(try expression())
            if !isSymbol(")") { try expect(",") }
        }
        return arguments
    }

    /// Literals, variables, entity literals, constructor calls, parentheses, sets and records.
    private mutating func primary() throws(CedarError) -> Expr {
        let token = current
        switch token.kind {
        case .integer(let digits):
            _ = advance()
            guard let value = Int64(digits) else {
                throw error("integer literal `\(digits)` is too large", at: token.position)
            }
            return .literal(.long(value))
        case .string:
            return .literal(.string(try stringLiteral()))
        case .slot(let name):
            _ = advance()
            guard let slot = SlotID(rawValue: "?" + name) else {
                throw error("invalid slot `?\(name)`", at: token.position)
            }
            return .slot(slot)
        case .symbol("("):
            _ = advance()
            let inner = try expression()
            try expect(")")
            return inner
        case .symbol("["):
            return try setLiteral()
        case .symbol("{"):
            return try recordLiteral()
        case .identifier(let name):
            return try identifierPrimary(name, at: token.position)
        default:
            throw unexpected()
        }
    }

    private mutating func identifierPrimary(_ name: String, at position: SourcePosition) throws(CedarError) -> Expr {
        if name == "true" || name == "false" {
            _ = advance()
            return .literal(.bool(name == "true"))
        }
        if let variable = Variable(rawValue: name), tokens[index + 1].kind != .symbol("::") {
            _ = advance()
            return .variable(variable)
        }
        let path = try self.path()
        if accept("::") {
            return .literal(.entity(EntityUID(type: path, id: try stringLiteral())))
        }
        guard isSymbol("(") else { throw error("invalid variable: \(path)", at: position) }
        guard let function = CedarFunction(rawValue: path) else {
            throw error("`\(path)` is not a valid function", at: position)
        }
        guard function.isConstructor else { throw error("`\(path)` is a method, not a function", at: position) }
        return Expr.folding(function, try argumentList())
    }

    private mutating func setLiteral() throws(CedarError) -> Expr {
        try expect("[")
        var elements: [Expr] = []
        while !accept("]") {
            elements.append(try expression())
            if !isSymbol("]") { try expect(",") }
        }
        return Expr.foldingSet(elements)
    }

    private mutating func recordLiteral() throws(CedarError) -> Expr {
        try expect("{")
        var fields: [(String, Expr)] = []
        while !accept("}") {
            let position = current.position
            let key: String
            if case .string = current.kind {
                key = try stringLiteral()
            } else {
                key = try plainIdentifier(expected: "a record key")
            }
            guard !fields.contains(where: { $0.0.hasSameCodePoints(as: key) }) else {
                throw error("duplicate key `\(key)` in record literal", at: position)
            }
            try expect(":")
            fields.append((key, try expression()))
            if !isSymbol("}") { try expect(",") }
        }
        return .recordLiteral(fields)
    }
}
