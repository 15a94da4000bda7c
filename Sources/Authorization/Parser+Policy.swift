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
        let annotations = try self.annotations()
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
        var conditions: [Condition] = []
        while case .identifier(let word) = current.kind, word == "when" || word == "unless" {
            _ = advance()
            try expect("{")
            guard !isSymbol("}") else { throw unexpected(expected: "an expression") }
            conditions.append(Condition(isWhen: word == "when", body: try expression()))
            try expect("}")
        }
        try expect(";")
        return Policy(
            id: defaultID,
            effect: effect,
            annotations: annotations,
            position: start,
            principal: principal,
            action: action,
            resource: resource,
            conditions: conditions
        )
    }

    private mutating func annotations() throws(CedarError) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        while isSymbol("@") {
            _ = advance()
            let position = current.position
            let key = try anyIdentifier(expected: "an annotation name")
            var value = ""
            if accept("(") {
                value = try stringLiteral()
                try expect(")")
            }
            guard !result.contains(where: { $0.key == key }) else {
                throw error("duplicate annotation: @\(key)", at: position)
            }
            result.append((key, value))
        }
        return result
    }

    private mutating func scopeConstraint(variable: String, slot: SlotID) throws(CedarError) -> ScopeConstraint {
        try expectKeyword(variable)
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
                throw error("expected a `\(slot.rawValue)` slot, found `?\(name)`", at: position)
            }
            return .slot(slot)
        }
        return .entity(try entityLiteral())
    }

    private mutating func actionConstraint() throws(CedarError) -> ActionConstraint {
        try expectKeyword("action")
        if accept("==") { return .equal(try entityLiteral()) }
        guard acceptKeyword("in") else { return .any }
        guard accept("[") else { return .in([try entityLiteral()]) }
        var list: [EntityUID] = []
        while !accept("]") {
            list.append(try entityLiteral())
            if !isSymbol("]") { try expect(",") }
        }
        return .in(list)
    }
}
