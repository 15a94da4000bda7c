extension Evaluator {
    /// Applies a strict binary operator to two evaluated operands.
    func binary(_ op: BinaryOperator, _ left: CedarValue, _ right: CedarValue) throws(EvaluationError) -> CedarValue {
        switch op {
        case .equal: return .bool(left == right)
        case .notEqual: return .bool(left != right)
        case .less: return .bool(try compare(left, right) < 0)
        case .lessEqual: return .bool(try compare(left, right) <= 0)
        case .greater: return .bool(try compare(left, right) > 0)
        case .greaterEqual: return .bool(try compare(left, right) >= 0)
        case .in: return .bool(try isIn(left, right))
        case .add, .subtract, .multiply: return .long(try arithmetic(op, left, right))
        case .contains:
            guard case .set(let set) = left else { throw .type(expected: "set", got: left) }
            return .bool(set.contains(right))
        case .containsAll, .containsAny:
            guard case .set(let set) = left else { throw .type(expected: "set", got: left) }
            guard case .set(let other) = right else { throw .type(expected: "set", got: right) }
            return .bool(op == .containsAll ? other.isSubset(of: set) : !other.isDisjoint(with: set))
        case .getTag, .hasTag:
            return try tag(op, left, right)
        }
    }

    /// Orders longs, datetimes or durations of the same type; anything else is a type error.
    private func compare(_ left: CedarValue, _ right: CedarValue) throws(EvaluationError) -> Int {
        let expected = "one of [long, datetime, duration]"
        let (a, b): (Int64, Int64)
        switch (left, right) {
        case (.long(let x), .long(let y)): (a, b) = (x, y)
        case (.extension(.datetime(let x)), .extension(.datetime(let y))): (a, b) = (x, y)
        case (.extension(.duration(let x)), .extension(.duration(let y))): (a, b) = (x, y)
        case (.long, _), (.extension(.datetime), _), (.extension(.duration), _):
            throw .type(expected: left.typeName, got: right)
        default: throw .type(expected: expected, got: left)
        }
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    private func arithmetic(
        _ op: BinaryOperator,
        _ left: CedarValue,
        _ right: CedarValue
    ) throws(EvaluationError) -> Int64 {
        guard case .long(let a) = left else { throw .type(expected: "long", got: left) }
        guard case .long(let b) = right else { throw .type(expected: "long", got: right) }
        let (result, overflow): (Int64, Bool)
        switch op {
        case .add: (result, overflow) = a.addingReportingOverflow(b)
        case .subtract: (result, overflow) = a.subtractingReportingOverflow(b)
        default: (result, overflow) = a.multipliedReportingOverflow(by: b)
        }
        if overflow {
            let verb = op == .add ? "add" : (op == .subtract ? "subtract" : "multiply")
            throw .overflow("\(verb) `\(a)` and `\(b)`")
        }
        return result
    }

    /// `left in right`: hierarchy membership (reflexive, transitive) against an entity or a set of entities.
    private func isIn(_ left: CedarValue, _ right: CedarValue) throws(EvaluationError) -> Bool {
        guard case .entity(let child) = left else { throw .type(expected: "entity", got: left) }
        switch right {
        case .entity(let ancestor):
            return entities.isDescendant(child, of: ancestor)
        case .set(let candidates):
            var found = false
            for candidate in candidates {
                guard case .entity(let ancestor) = candidate else { throw .type(expected: "entity", got: candidate) }
                if !found { found = entities.isDescendant(child, of: ancestor) }
            }
            return found
        default:
            throw .type(expected: "entity or set of entities", got: right)
        }
    }

    private func tag(
        _ op: BinaryOperator,
        _ left: CedarValue,
        _ right: CedarValue
    ) throws(EvaluationError) -> CedarValue {
        guard case .entity(let uid) = left else { throw .type(expected: "entity", got: left) }
        guard case .string(let key) = right else { throw .type(expected: "string", got: right) }
        if op == .hasTag { return .bool(entities[uid]?.tags.codePointValue(forKey: key) != nil) }
        guard let entity = entities[uid] else { throw .missingEntity(uid) }
        guard let value = entity.tags.codePointValue(forKey: key) else {
            throw EvaluationError(message: "entity of type `\(uid.type)` does not have the tag `\(key)`")
        }
        return value
    }
}
