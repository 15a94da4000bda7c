extension Parser {
    /// `Expr ::= Or | 'if' Expr 'then' Expr 'else' Expr`
    mutating func expression() throws(CedarError) -> Expr {
        try descend()
        defer { nesting -= 1 }
        guard acceptKeyword("if") else { return try or() }
        let condition = try expression()
        try expectKeyword("then")
        let then = try expression()
        try expectKeyword("else")
        return .ifThenElse(condition, then, try expression())
    }

    private mutating func or() throws(CedarError) -> Expr {
        var left = try and()
        var links = 0
        defer { nesting -= links }
        while accept("||") {
            try descend()
            links += 1
            left = .or(left, try and())
        }
        return left
    }

    private mutating func and() throws(CedarError) -> Expr {
        var left = try relation()
        var links = 0
        defer { nesting -= links }
        while accept("&&") {
            try descend()
            links += 1
            left = .and(left, try relation())
        }
        return left
    }

    private static let relationalOperators: [String: BinaryOperator] = [
        "==": .equal, "!=": .notEqual, "<": .less, "<=": .lessEqual, ">": .greater, ">=": .greaterEqual,
    ]

    /// `Relation ::= Add [RELOP Add | 'has' (IDENT | STR) | 'like' PAT | 'is' Path ['in' Add]]`, not chained.
    private mutating func relation() throws(CedarError) -> Expr {
        let left = try add()
        guard isRelational else { return left }
        try descend()
        defer { nesting -= 1 }
        let result: Expr
        if case .symbol(let symbol) = current.kind, let op = Parser.relationalOperators[symbol] {
            _ = advance()
            result = .binary(op, left, try add())
        } else if acceptKeyword("in") {
            result = .binary(.in, left, try add())
        } else if acceptKeyword("has") {
            result = try hasChain(left)
        } else if acceptKeyword("like") {
            guard case .string(let raw) = current.kind else { throw unexpected(expected: "a pattern") }
            let position = advance().position
            switch StringEscapes.decodePattern(raw) {
            case .success(let pattern): result = .like(left, pattern)
            case .failure(let failure): throw error(failure.message, at: position)
            }
        } else if acceptKeyword("is") {
            let type = try path()
            result = acceptKeyword("in") ? .isIn(left, type, try add()) : .isType(left, type)
        } else {
            return left
        }
        if isRelational {
            throw error(
                "multiple relational operators (>, ==, in, etc.) must be used with parentheses to make ordering "
                    + "explicit",
                at: current.position
            )
        }
        return result
    }

    private var isRelational: Bool {
        if case .symbol(let symbol) = current.kind, Parser.relationalOperators[symbol] != nil { return true }
        return isKeyword("in") || isKeyword("has") || isKeyword("like") || isKeyword("is")
    }

    /// `e has a.b.c` means `e has a && e.a has b && e.a.b has c`.
    private mutating func hasChain(_ target: Expr) throws(CedarError) -> Expr {
        var names: [String] = []
        defer { nesting -= max(0, 2 * (names.count - 1)) }
        if case .string = current.kind {
            names.append(try stringLiteral())
        } else {
            names.append(try plainIdentifier(expected: "an identifier or a string literal"))
            while accept(".") {
                // Each further name adds an `&&` and an access: `e has a.b` is `e has a && e.a has b`.
                try descend(2)
                names.append(try plainIdentifier(expected: "an identifier"))
            }
        }
        var access = target
        var result = Expr.has(target, names[0])
        for (previous, name) in zip(names, names.dropFirst()) {
            access = .attribute(access, previous)
            result = .and(result, .has(access, name))
        }
        return result
    }

    private mutating func add() throws(CedarError) -> Expr {
        var left = try multiply()
        var links = 0
        defer { nesting -= links }
        while isSymbol("+") || isSymbol("-") {
            try descend()
            links += 1
            if accept("+") {
                left = .binary(.add, left, try multiply())
            } else if accept("-") {
                left = .binary(.subtract, left, try multiply())
            }
        }
        return left
    }

    private mutating func multiply() throws(CedarError) -> Expr {
        var left = try unary()
        var links = 0
        defer { nesting -= links }
        while accept("*") {
            try descend()
            links += 1
            left = .binary(.multiply, left, try unary())
        }
        return left
    }

    /// `Unary ::= ['!' | '-']x4 Member`; a `-` directly before an integer literal negates the literal itself.
    private mutating func unary() throws(CedarError) -> Expr {
        guard case .symbol(let op) = current.kind, op == "!" || op == "-" else { return try member() }
        let position = current.position
        var count = 0
        while accept(op) { count += 1 }
        guard count <= 4 else { throw error("too many occurrences of `\(op)`", at: position) }
        try descend(count)
        defer { nesting -= count }
        if op == "-", case .integer(let digits) = current.kind, !isAccessAfterLiteral {
            let literalPosition = advance().position
            guard let magnitude = UInt64(digits), magnitude <= UInt64(Int64.max) + 1 else {
                throw error("integer literal `\(digits)` is too large", at: literalPosition)
            }
            let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            var result = Expr.literal(.long(value))
            for _ in 1..<count { result = .negate(result) }
            return result
        }
        var result = try member()
        for _ in 0..<count { result = op == "!" ? .not(result) : .negate(result) }
        return result
    }

    private var isAccessAfterLiteral: Bool {
        tokens[index + 1].kind == .symbol(".") || tokens[index + 1].kind == .symbol("[")
    }
}
