import Authorization

extension TypeChecker {
    mutating func binary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, _ prior: Capabilities) -> Typed? {
        if op == .getTag || op == .hasTag { return tag(op, lhs, rhs, prior) }
        let left = check(lhs, prior)
        let right = check(rhs, prior)
        guard let left, let right else { return nil }
        switch op {
        case .equal, .notEqual:
            guard let equality = equality(lhs, left.type, rhs, right.type) else { return nil }
            return Typed(type: op == .equal ? equality : Self.negation(equality))
        case .less, .lessEqual, .greater, .greaterEqual: return comparison(left.type, right.type)
        case .add, .subtract, .multiply:
            guard left.type == .long else { return unexpected(left.type, expected: "Long") }
            guard right.type == .long else { return unexpected(right.type, expected: "Long") }
            return Typed(type: .long)
        case .in: return membership(lhs, left.type, rhs, right.type)
        case .contains:
            guard case .set(let element) = left.type else { return unexpected(left.type, expected: "Set") }
            if let element, ValidationType.leastUpperBound(element, right.type) == nil {
                return fail("the types \(element) and \(right.type) are not compatible")
            }
            return Typed(type: .anyBool)
        case .containsAll, .containsAny:
            guard case .set = left.type else { return unexpected(left.type, expected: "Set") }
            guard case .set = right.type else { return unexpected(right.type, expected: "Set") }
            guard ValidationType.leastUpperBound(left.type, right.type) != nil else {
                return fail("the types \(left.type) and \(right.type) are not compatible")
            }
            return Typed(type: .anyBool)
        case .getTag, .hasTag:
            return nil
        }
    }

    /// `<`, `<=`, `>`, `>=` compare two `Long`s, two `datetime`s or two `duration`s.
    private mutating func comparison(_ left: ValidationType, _ right: ValidationType) -> Typed? {
        let comparable: [ValidationType] = [.extensionType("datetime"), .extensionType("duration"), .long]
        guard comparable.contains(left) else { return unexpected(left, expected: "datetime, or duration, or Long") }
        guard right == left else { return unexpected(right, expected: left.description) }
        return Typed(type: .anyBool)
    }

    /// The type of `lhs == rhs`: decided for two literals or two entity references of different types, else
    /// `Bool`; strict mode rejects operands without a least upper bound unless the result is always false.
    private mutating func equality(
        _ lhs: Expr,
        _ left: ValidationType,
        _ rhs: Expr,
        _ right: ValidationType
    ) -> ValidationType? {
        var result = ValidationType.anyBool
        if let a = scalarLiteral(lhs), let b = scalarLiteral(rhs) {
            result = a == b ? .alwaysTrue : .alwaysFalse
        } else if case .entity(let a) = left, case .entity(let b) = right, a != b {
            result = .alwaysFalse
        }
        if result != .alwaysFalse, ValidationType.leastUpperBound(left, right) == nil {
            errors.append("the types \(left) and \(right) are not compatible")
            return nil
        }
        return result
    }

    /// The value of an expression Cedar treats as a literal in equality: booleans, longs, strings, entity
    /// references and the `action` variable (known in each environment).
    private func scalarLiteral(_ expr: Expr) -> CedarValue? {
        switch expr {
        case .literal(let value), .folded(let value, _):
            switch value {
            case .bool, .long, .string, .entity: return value
            default: return nil
            }
        case .variable(.action): return .entity(env.action)
        default: return nil
        }
    }

    /// `lhs in rhs`: an entity in an entity or a set of entities; decided exactly for actions and `False` when
    /// the schema's hierarchy makes membership impossible.
    private mutating func membership(
        _ lhs: Expr,
        _ left: ValidationType,
        _ rhs: Expr,
        _ right: ValidationType
    ) -> Typed? {
        let targets: [String]
        switch right {
        case .entity(let name): targets = [name]
        case .anyEntity: return Typed(type: .anyBool)
        case .set(.entity(let name)): targets = [name]
        case .set(.anyEntity): return Typed(type: .anyBool)
        case .set(nil): targets = []
        default: return unexpected(right, expected: "entity, or Set<entity>")
        }
        guard case .entity(let child) = left else {
            if left == .anyEntity { return Typed(type: .anyBool) }
            return unexpected(left, expected: "entity")
        }
        if let action = actionValue(lhs), let groups = actionTargets(rhs) {
            let ancestors = schema.actionAncestors(action)
            let found = groups.contains { $0 == action || ancestors.contains($0) }
            return Typed(type: found ? .alwaysTrue : .alwaysFalse)
        }
        let possible = targets.contains { schema.mayDescend(child, from: $0) }
        return Typed(type: possible ? .anyBool : .alwaysFalse)
    }

    private func actionValue(_ expr: Expr) -> EntityUID? {
        switch expr {
        case .variable(.action): return env.action
        case .literal(.entity(let uid)) where schema.actions[uid] != nil: return uid
        case .folded(let value, _): return actionValue(.literal(value))
        default: return nil
        }
    }

    /// The actions named by the right operand of `in`, when it is made only of action literals and `action`.
    private func actionTargets(_ expr: Expr) -> [EntityUID]? {
        switch expr {
        case .variable(.action): return [env.action]
        case .literal(.entity(let uid)) where Schema.isActionType(uid.type): return [uid]
        case .folded(.set(let items), _), .literal(.set(let items)):
            var result: [EntityUID] = []
            for item in items {
                guard case .entity(let uid) = item, Schema.isActionType(uid.type) else { return nil }
                result.append(uid)
            }
            return result
        case .setLiteral(let items):
            var result: [EntityUID] = []
            for item in items {
                guard !isSet(item), let targets = actionTargets(item) else { return nil }
                result += targets
            }
            return result
        default: return nil
        }
    }

    private func isSet(_ expr: Expr) -> Bool {
        switch expr {
        case .setLiteral, .literal(.set), .folded(.set, _): true
        default: false
        }
    }
}
