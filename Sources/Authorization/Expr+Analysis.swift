extension Expr {
    /// The first template slot the expression uses, searching depth-first; nil when there is none.
    package var firstSlot: SlotID? {
        switch self {
        case .slot(let slot): return slot
        case .literal, .folded, .variable: return nil
        case .not(let inner), .negate(let inner), .like(let inner, _), .isType(let inner, _), .has(let inner, _),
            .attribute(let inner, _):
            return inner.firstSlot
        case .and(let left, let right), .or(let left, let right), .binary(_, let left, let right),
            .isIn(let left, _, let right):
            return left.firstSlot ?? right.firstSlot
        case .ifThenElse(let condition, let then, let otherwise):
            return condition.firstSlot ?? then.firstSlot ?? otherwise.firstSlot
        case .setLiteral(let elements), .call(_, let elements):
            return elements.lazy.compactMap(\.firstSlot).first
        case .recordLiteral(let fields):
            return fields.lazy.compactMap(\.1.firstSlot).first
        }
    }
}

extension Expr {
    /// The value of a literal or of a constant folded when the policy was read; nil for anything else.
    package var constantValue: CedarValue? {
        switch self {
        case .literal(let value), .folded(let value, _): value
        default: nil
        }
    }

    /// A call of `function`, computed once here when every argument is a literal and the call succeeds.
    ///
    /// Constructors over string literals (and methods on such values) then cost nothing per request. A call
    /// that fails stays a call and errors when (and only if) it is evaluated, as in the reference engine.
    static func folding(_ function: CedarFunction, _ arguments: [Expr]) -> Expr {
        var values: [CedarValue] = []
        for argument in arguments {
            guard let value = argument.constantValue else { return .call(function, arguments) }
            values.append(value)
        }
        guard let result = try? ExtensionFunctions.call(function, values) else { return .call(function, arguments) }
        return .folded(result, written: .call(function, arguments))
    }

    /// A set literal, built once here when every element is a literal rather than on every evaluation.
    static func foldingSet(_ elements: [Expr]) -> Expr {
        var constants: Set<CedarValue> = []
        for element in elements {
            guard let value = element.constantValue else { return .setLiteral(elements) }
            constants.insert(value)
        }
        return .folded(.set(constants), written: .setLiteral(elements))
    }
}
