extension Parser {
    /// Parses a whole policy set.
    mutating func policies() throws(CedarError) -> [Policy] {
        var result: [Policy] = []
        while current.kind != .end {
            result.append(try policy(defaultID: "policy\(result.count)"))
        }
        return result
    }

    mutating func policy(defaultID: String) throws(CedarError) -> Policy {
        let start = current.position
        let (annotations, valueless) = try self.annotations()
        let effectPosition = current.position
        let effectName = try anyIdentifier(expected: "`permit` or `forbid`")
        guard let effect = PolicyEffect(rawValue: effectName) else {
            throw error("invalid policy effect: \(effectName)", at: effectPosition)
        }

        // Scope: principal, action, resource, each optionally constrained.
        try expect("(")
        let principal = try scopeConstraint(variable: "principal", slot: .principal)
        try expect(",")
        let action = try actionConstraint()
        try expect(",")
        let resource = try scopeConstraint(variable: "resource", slot: .resource)
        try expect(")")

        // Conditions, then the terminating semicolon.
        let conditions = try self.conditions()
        try expect(";")
        return Policy(
            id: defaultID,
            effect: effect,
            annotations: annotations,
            valuelessAnnotations: valueless,
            position: start,
            scope: (principal, action, resource),
            conditions: conditions
        )
    }

    /// `when { … }` and `unless { … }` clauses; slots are not allowed in them, as in Cedar.
    private mutating func conditions() throws(CedarError) -> [Condition] {
        var conditions: [Condition] = []
        while case .identifier(let word) = current.kind, word == "when" || word == "unless" {
            let clausePosition = advance().position
            try expect("{")
            guard !isSymbol("}") else { throw error("`\(word)` condition clause cannot be empty", at: clausePosition) }
            let body = try expression()
            if let slot = body.firstSlot {
                throw error("found template slot \(slot.rawValue) in a `\(word)` clause", at: clausePosition)
            }
            conditions.append(Condition(isWhen: word == "when", body: body))
            try expect("}")
        }
        return conditions
    }

    /// `@key("value")` and `@key` annotations, with the keys of the valueless ones.
    private mutating func annotations() throws(CedarError) -> ([(key: String, value: String)], Set<String>) {
        var result: [(key: String, value: String)] = []
        var valueless: Set<String> = []
        while isSymbol("@") {
            _ = advance()
            let position = current.position
            let key = try anyIdentifier(expected: "an annotation name")
            var value = ""
            if accept("(") {
                value = try stringLiteral()
                try expect(")")
            } else {
                valueless.insert(key)
            }
            guard !result.contains(where: { $0.key == key }) else {
                throw error("duplicate annotation: @\(key)", at: position)
            }
            result.append((key, value))
        }
        return (result, valueless)
    }

    /// Reads the scope variable `variable`, naming a misplaced one the way Cedar does.
    private mutating func scopeVariable(_ variable: String) throws(CedarError) {
        if case .identifier(let found) = current.kind, found != variable,
            ["principal", "action", "resource"].contains(found)
        {
            throw error(
                "found the variable `\(found)` where the variable `\(variable)` must be used",
                at: current.position
            )
        }
        try expectKeyword(variable)
    }

    private mutating func scopeConstraint(variable: String, slot: SlotID) throws(CedarError) -> ScopeConstraint {
        try scopeVariable(variable)
        if accept("==") { return .equal(try scopeTarget(slot)) }
        if acceptKeyword("in") { return .in(try scopeTarget(slot)) }
        if acceptKeyword("is") {
            let type = try path()
            if acceptKeyword("in") { return .isIn(type, try scopeTarget(slot)) }
            return .is(type)
        }
        return .any
    }

    private mutating func scopeTarget(_ slot: SlotID) throws(CedarError) -> ScopeTarget {
        if case .slot(let name) = current.kind {
            let position = advance().position
            guard "?" + name == slot.rawValue else {
                throw error(
                    "expected an entity uid or matching template slot, found ?\(name) instead of \(slot.rawValue)",
                    at: position
                )
            }
            return .slot(slot)
        }
        return .entity(try entityLiteral())
    }

    private mutating func actionConstraint() throws(CedarError) -> ActionConstraint {
        try scopeVariable("action")
        if isKeyword("is") { throw error("`is` cannot appear in the action scope", at: current.position) }
        if accept("==") { return .equal(try actionEntity()) }
        guard acceptKeyword("in") else { return .any }
        guard accept("[") else { return .in([try actionEntity()]) }
        var list: [EntityUID] = []
        while !accept("]") {
            list.append(try actionEntity())
            if !isSymbol("]") { try expect(",") }
        }
        return .in(list)
    }

    /// An entity literal in the action scope, where slots are not allowed.
    private mutating func actionEntity() throws(CedarError) -> EntityUID {
        if case .slot = current.kind {
            throw error("expected single entity uid, found template slot", at: current.position)
        }
        return try entityLiteral()
    }
}
