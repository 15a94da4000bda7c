import Authorization

/// A canonical text for an expression, used to key capabilities (`e has a` makes `e.a` safe only for the same `e`).
enum ExprKey {
    static func key(_ expr: Expr) -> String {
        switch expr {
        case .literal(let value), .folded(let value, _): return literal(value)
        case .variable(let variable): return variable.rawValue
        case .slot(let slot): return slot.rawValue
        case .not(let operand): return "!(\(key(operand)))"
        case .negate(let operand): return "-(\(key(operand)))"
        case .and(let a, let b): return "(\(key(a)) && \(key(b)))"
        case .or(let a, let b): return "(\(key(a)) || \(key(b)))"
        case .ifThenElse(let a, let b, let c): return "(if \(key(a)) then \(key(b)) else \(key(c)))"
        case .binary(let op, let a, let b): return "(\(key(a)) \(op) \(key(b)))"
        case .like(let a, let pattern): return "(\(key(a)) like \(pattern))"
        case .isType(let a, let name): return "(\(key(a)) is \(name))"
        case .isIn(let a, let name, let b): return "((\(key(a)) is \(name)) && (\(key(a)) in \(key(b))))"
        case .has(let a, let name): return "(\(key(a)) has \(literal(.string(name))))"
        case .attribute(let a, let name): return "\(key(a))[\(literal(.string(name)))]"
        case .setLiteral(let items): return "[" + items.map(key).joined(separator: ", ") + "]"
        case .recordLiteral(let fields):
            return "{" + fields.map { "\(literal(.string($0.0))): \(key($0.1))" }.joined(separator: ", ") + "}"
        case .call(let function, let arguments):
            return "\(function.rawValue)(" + arguments.map(key).joined(separator: ", ") + ")"
        }
    }

    /// `text` with every non-ASCII scalar escaped, so that keys compare by code points even inside a Swift `Set`.
    static func exact(_ text: String) -> String {
        text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
    }

    private static func literal(_ value: CedarValue) -> String {
        switch value {
        case .bool(let flag): return flag ? "true" : "false"
        case .long(let number): return String(number)
        case .string(let text): return "\"" + exact(text) + "\""
        case .entity(let uid): return uid.description
        case .set(let items): return "[" + items.map(literal).sorted().joined(separator: ", ") + "]"
        case .record(let record):
            return "{"
                + record.keys.sorted().map { "\(literal(.string($0))): \(literal(record[$0] ?? false))" }
                .joined(separator: ", ") + "}"
        case .extension(let ext): return "\(ext)"
        }
    }
}
