/// Prints expressions as Cedar text with the fewest parentheses the grammar needs.
///
/// Precedence levels, loosest first: `if` (0), `||` (1), `&&` (2), relations (3), `+ -` (4), `*` (5), unary
/// (6), member access and primaries (7). An operand printed at a looser level than its slot requires is
/// parenthesised; relations do not chain, so both their operands sit at level 4.
enum ExprFormatter {
    /// The text of `expr`.
    static func format(_ expr: Expr) -> String {
        render(expr, minimum: 0)
    }

    private static func render(_ expr: Expr, minimum: Int) -> String {
        let (text, level) = rendered(expr)
        return level < minimum ? "(\(text))" : text
    }

    private static func rendered(_ expr: Expr) -> (String, Int) {
        switch expr {
        case .literal(let value): return ValueFormatter.render(value)
        case .folded(_, let written): return rendered(written)
        case .variable(let variable): return (variable.rawValue, 7)
        case .slot(let slot): return (slot.rawValue, 7)
        case .not(let inner): return ("!" + render(inner, minimum: 7), 6)
        case .negate(.literal(.long(let number))) where number >= 0:
            // `-5` would read back as the literal -5; the parentheses keep the negation.
            return ("-(\(number))", 6)
        case .negate(let inner): return ("-" + render(inner, minimum: 7), 6)
        case .and(let left, let right): return (render(left, minimum: 2) + " && " + render(right, minimum: 3), 2)
        case .or(let left, let right): return (render(left, minimum: 1) + " || " + render(right, minimum: 2), 1)
        case .ifThenElse(let condition, let then, let otherwise):
            let text = "if \(format(condition)) then \(format(then)) else \(format(otherwise))"
            return (text, 0)
        case .binary(let op, let left, let right): return binary(op, left, right)
        case .like(let inner, let pattern):
            return (render(inner, minimum: 4) + " like \"" + ValueFormatter.pattern(pattern) + "\"", 3)
        case .isType(let inner, let type): return (render(inner, minimum: 4) + " is " + type, 3)
        case .isIn(let inner, let type, let container):
            return (render(inner, minimum: 4) + " is " + type + " in " + render(container, minimum: 4), 3)
        case .has(let inner, let name):
            let attribute = ValueFormatter.isPlainIdentifier(name) ? name : "\"\(EntityUID.escape(name))\""
            return (render(inner, minimum: 4) + " has " + attribute, 3)
        case .attribute(let inner, let name):
            let receiver = render(inner, minimum: 7)
            if ValueFormatter.isPlainIdentifier(name) { return (receiver + "." + name, 7) }
            return (receiver + "[\"\(EntityUID.escape(name))\"]", 7)
        case .setLiteral(let elements): return ("[" + elements.map(format).joined(separator: ", ") + "]", 7)
        case .recordLiteral(let fields):
            let body = fields.map { ValueFormatter.recordKey($0.0) + ": " + format($0.1) }
            return (body.isEmpty ? "{}" : "{ " + body.joined(separator: ", ") + " }", 7)
        case .call(let function, let arguments): return (call(function, arguments), 7)
        }
    }

    private static func binary(_ op: BinaryOperator, _ left: Expr, _ right: Expr) -> (String, Int) {
        let symbol: String
        let level: Int
        switch op {
        case .equal: (symbol, level) = ("==", 3)
        case .notEqual: (symbol, level) = ("!=", 3)
        case .less: (symbol, level) = ("<", 3)
        case .lessEqual: (symbol, level) = ("<=", 3)
        case .greater: (symbol, level) = (">", 3)
        case .greaterEqual: (symbol, level) = (">=", 3)
        case .in: (symbol, level) = ("in", 3)
        case .add: (symbol, level) = ("+", 4)
        case .subtract: (symbol, level) = ("-", 4)
        case .multiply: (symbol, level) = ("*", 5)
        case .contains, .containsAll, .containsAny, .getTag, .hasTag:
            return (render(left, minimum: 7) + "." + methodName(op) + "(" + format(right) + ")", 7)
        }
        // Left-associative `+ - *` keep a same-level left operand bare; relations take level-4 operands.
        let leftMinimum = level == 3 ? 4 : level
        return (render(left, minimum: leftMinimum) + " \(symbol) " + render(right, minimum: level + 1), level)
    }

    private static func methodName(_ op: BinaryOperator) -> String {
        switch op {
        case .containsAll: "containsAll"
        case .containsAny: "containsAny"
        case .getTag: "getTag"
        case .hasTag: "hasTag"
        default: "contains"
        }
    }

    private static func call(_ function: CedarFunction, _ arguments: [Expr]) -> String {
        if function.isConstructor || arguments.isEmpty {
            return function.rawValue + "(" + arguments.map(format).joined(separator: ", ") + ")"
        }
        let rest = arguments.dropFirst().map(format).joined(separator: ", ")
        return render(arguments[0], minimum: 7) + "." + function.rawValue + "(" + rest + ")"
    }
}
