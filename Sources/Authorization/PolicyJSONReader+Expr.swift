extension PolicyJSONReader {
    /// Reads one expression node: an object with exactly one key naming the operator.
    ///
    /// `depth` is the node's depth in the expression; past ``Parser/maximumDepth`` the policy is refused, as in
    /// the text format.
    static func expr(_ json: CedarJSON, depth: Int = 1) throws(CedarError) -> Expr {
        guard depth <= Parser.maximumDepth else {
            throw invalid("expression is nested too deeply: the limit is \(Parser.maximumDepth) levels")
        }
        guard let members = json.members, members.count == 1 else {
            throw invalid("an expression must be an object with exactly one key")
        }
        let (key, body) = members[0]
        switch key {
        case "Value": return .literal(try value(body))
        case "Var":
            guard let name = body.string, let variable = Variable(rawValue: name) else {
                throw invalid("invalid variable in `Var`")
            }
            return .variable(variable)
        case "Slot":
            guard let name = body.string, let slot = SlotID(rawValue: name) else { throw invalid("invalid slot") }
            return .slot(slot)
        case "!": return .not(try expr(field(body, "arg", key), depth: depth + 1))
        case "neg": return .negate(try expr(field(body, "arg", key), depth: depth + 1))
        case "isEmpty": return .call(.isEmpty, [try expr(field(body, "arg", key), depth: depth + 1)])
        case "&&":
            return .and(
                try expr(field(body, "left", key), depth: depth + 1),
                try expr(field(body, "right", key), depth: depth + 1)
            )
        case "||":
            return .or(
                try expr(field(body, "left", key), depth: depth + 1),
                try expr(field(body, "right", key), depth: depth + 1)
            )
        case ".", "has":
            guard let name = body["attr"]?.string else { throw invalid("`\(key)` needs a string `attr`") }
            let left = try expr(field(body, "left", key), depth: depth + 1)
            return key == "." ? .attribute(left, name) : .has(left, name)
        case "like":
            return .like(try expr(field(body, "left", key), depth: depth + 1), try pattern(field(body, "pattern", key)))
        case "is": return try isExpr(body, depth: depth)
        case "if-then-else":
            return .ifThenElse(
                try expr(field(body, "if", key), depth: depth + 1),
                try expr(field(body, "then", key), depth: depth + 1),
                try expr(field(body, "else", key), depth: depth + 1)
            )
        case "Set":
            guard case .array(let items) = body else { throw invalid("`Set` must be an array") }
            var elements: [Expr] = []
            for item in items { elements.append(try expr(item, depth: depth + 1)) }
            return Expr.foldingSet(elements)
        case "Record": return try record(body, depth: depth)
        default: return try operatorOrCall(key, body, depth: depth)
        }
    }

    private static func operatorOrCall(_ key: String, _ body: CedarJSON, depth: Int) throws(CedarError) -> Expr {
        if let op = binaryOperators[key] {
            return .binary(
                op,
                try expr(field(body, "left", key), depth: depth + 1),
                try expr(field(body, "right", key), depth: depth + 1)
            )
        }
        guard let function = CedarFunction(rawValue: key) else { throw invalid("unknown expression key `\(key)`") }
        // Like the text parser, the argument count is checked when the call is evaluated.
        guard case .array(let items) = body else { throw invalid("arguments of `\(key)` must be an array") }
        var arguments: [Expr] = []
        for item in items { arguments.append(try expr(item, depth: depth + 1)) }
        return Expr.folding(function, arguments)
    }

    private static func isExpr(_ body: CedarJSON, depth: Int) throws(CedarError) -> Expr {
        guard let type = body["entity_type"]?.string else { throw invalid("`is` needs a string `entity_type`") }
        let left = try expr(field(body, "left", "is"), depth: depth + 1)
        guard let container = body["in"] else { return .isType(left, type) }
        return .isIn(left, type, try expr(container, depth: depth + 1))
    }

    private static func record(_ body: CedarJSON, depth: Int) throws(CedarError) -> Expr {
        guard let members = body.members else { throw invalid("`Record` must be an object") }
        var fields: [(String, Expr)] = []
        for (name, item) in members {
            guard !fields.contains(where: { $0.0.hasSameCodePoints(as: name) }) else {
                throw invalid("duplicate key `\(name)` in record literal")
            }
            fields.append((name, try expr(item, depth: depth + 1)))
        }
        return .recordLiteral(fields)
    }

    /// `[{"Literal": text} | "Wildcard", …]`.
    private static func pattern(_ json: CedarJSON) throws(CedarError) -> LikePattern {
        guard case .array(let items) = json else { throw invalid("a `like` pattern must be an array") }
        var elements: [LikePattern.Element] = []
        for item in items {
            if item.string == "Wildcard" {
                elements.append(.wildcard)
            } else if let text = item["Literal"]?.string {
                elements += text.unicodeScalars.map { .scalar($0) }
            } else {
                throw invalid("a pattern element must be `\"Wildcard\"` or `{\"Literal\": …}`")
            }
        }
        return LikePattern(elements: elements)
    }

    private static func value(_ json: CedarJSON) throws(CedarError) -> CedarValue {
        do {
            return try CedarValue(cedarJSON: json, context: "`Value`")
        } catch {
            throw invalid(error.message)
        }
    }

    private static func field(_ body: CedarJSON, _ name: String, _ key: String) throws(CedarError) -> CedarJSON {
        guard let value = body[name] else { throw invalid("`\(key)` needs `\(name)`") }
        return value
    }
}
