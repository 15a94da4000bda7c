import Authorization

/// Cedar's strict-mode typechecker for one request environment.
///
/// It follows the reference typechecker's rules: singleton `True`/`False` types let `&&`, `||` and `if`
/// short-circuit (the unreachable operand is not checked), `has` yields capabilities that make optional
/// attributes and tags safe to read on the true branch, and incompatible types have no least upper bound.
struct TypeChecker {
    let schema: Schema
    let env: RequestEnvironment
    /// Messages of the errors found, in Cedar's words.
    var errors: [String] = []

    /// Facts known to hold when an expression is true: `key.attr` for attributes, `key#tag` for tags.
    typealias Capabilities = Set<String>

    /// A type with the capabilities that hold when the expression evaluates to `true`.
    struct Typed {
        var type: ValidationType
        var capabilities: Capabilities = []
    }

    init(schema: Schema, env: RequestEnvironment) {
        self.schema = schema
        self.env = env
    }

    mutating func fail(_ message: String) -> Typed? {
        errors.append(message)
        return nil
    }

    mutating func unexpected(_ got: ValidationType, expected: String) -> Typed? {
        fail("unexpected type: expected \(expected) but saw \(got)")
    }

    /// Types `expr` given the capabilities already established; nil after recording an error.
    mutating func check(_ expr: Expr, _ prior: Capabilities) -> Typed? {
        switch expr {
        case .literal(let value), .folded(let value, _): return literal(value)
        case .variable(let variable): return Typed(type: type(of: variable))
        case .slot: return Typed(type: .anyEntity)
        case .not(let operand): return expectBool(operand, prior).map { Typed(type: Self.negation($0.type)) }
        case .negate(let operand): return expect(operand, .long, prior, result: .long)
        case .and(let lhs, let rhs): return and(lhs, rhs, prior)
        case .or(let lhs, let rhs): return or(lhs, rhs, prior)
        case .ifThenElse(let guardExpr, let then, let otherwise): return ifThenElse(guardExpr, then, otherwise, prior)
        case .binary(let op, let lhs, let rhs): return binary(op, lhs, rhs, prior)
        case .like(let operand, _): return expect(operand, .string, prior, result: .anyBool)
        case .isType(let operand, let name): return isType(operand, name, prior)
        case .isIn(let operand, let name, let container):
            // Cedar types `e is T in c` as `e is T && e in c`.
            return and(.isType(operand, name), .binary(.in, operand, container), prior)
        case .has(let target, let name): return has(target, name, prior)
        case .attribute(let target, let name): return attribute(target, name, prior)
        case .setLiteral(let elements): return setLiteral(elements, prior)
        case .recordLiteral(let fields): return recordLiteral(fields, prior)
        case .call(let function, let arguments): return call(function, arguments, prior)
        }
    }

    /// `!` on a boolean type.
    static func negation(_ type: ValidationType) -> ValidationType {
        switch type {
        case .bool(.alwaysTrue): .alwaysFalse
        case .bool(.alwaysFalse): .alwaysTrue
        default: .anyBool
        }
    }

    /// Checks that `expr` has exactly the type `expected`; the whole expression then has type `result`.
    private mutating func expect(
        _ expr: Expr,
        _ expected: ValidationType,
        _ prior: Capabilities,
        result: ValidationType
    ) -> Typed? {
        guard let typed = check(expr, prior) else { return nil }
        guard typed.type == expected else { return unexpected(typed.type, expected: expected.description) }
        return Typed(type: result)
    }

    private mutating func isType(_ operand: Expr, _ name: String, _ prior: Capabilities) -> Typed? {
        guard let typed = check(operand, prior) else { return nil }
        switch typed.type {
        case .entity(let actual): return Typed(type: actual == name ? .alwaysTrue : .alwaysFalse)
        case .anyEntity: return Typed(type: .anyBool)
        default: return unexpected(typed.type, expected: "entity")
        }
    }

    private mutating func recordLiteral(_ fields: [(String, Expr)], _ prior: Capabilities) -> Typed? {
        var attributes: [String: ValidationType.Attribute] = [:]
        var failed = false
        for (key, field) in fields {
            guard let typed = check(field, prior) else {
                failed = true
                continue
            }
            _ = attributes.insertCodePointKey(key, .init(type: typed.type, isRequired: true))
        }
        return failed ? nil : Typed(type: .record(attributes))
    }

    func type(of variable: Variable) -> ValidationType {
        switch variable {
        case .principal: .entity(env.principal)
        case .action: .entity(env.action.type)
        case .resource: .entity(env.resource)
        case .context: .record(ValidationType.attributes(env.context))
        }
    }

    mutating func expectBool(_ expr: Expr, _ prior: Capabilities) -> Typed? {
        guard let typed = check(expr, prior) else { return nil }
        guard typed.type.isBool else { return unexpected(typed.type, expected: "Bool") }
        return typed
    }

    // MARK: - Boolean connectives

    private mutating func and(_ lhs: Expr, _ rhs: Expr, _ prior: Capabilities) -> Typed? {
        guard let left = expectBool(lhs, prior) else {
            _ = expectBool(rhs, prior)
            return nil
        }
        if left.type == .alwaysFalse { return Typed(type: .alwaysFalse) }
        guard let right = expectBool(rhs, prior.union(left.capabilities)) else { return nil }
        if right.type == .alwaysFalse { return Typed(type: .alwaysFalse) }
        let both = left.type == .alwaysTrue && right.type == .alwaysTrue
        return Typed(type: both ? .alwaysTrue : .anyBool, capabilities: left.capabilities.union(right.capabilities))
    }

    private mutating func or(_ lhs: Expr, _ rhs: Expr, _ prior: Capabilities) -> Typed? {
        guard let left = expectBool(lhs, prior) else {
            _ = expectBool(rhs, prior)
            return nil
        }
        if left.type == .alwaysTrue { return Typed(type: .alwaysTrue, capabilities: left.capabilities) }
        guard let right = expectBool(rhs, prior) else { return nil }
        if left.type == .alwaysFalse { return right }
        if right.type == .alwaysTrue { return Typed(type: .alwaysTrue, capabilities: right.capabilities) }
        if right.type == .alwaysFalse { return left }
        return Typed(type: .anyBool, capabilities: left.capabilities.intersection(right.capabilities))
    }

    private mutating func ifThenElse(
        _ condition: Expr,
        _ then: Expr,
        _ otherwise: Expr,
        _ prior: Capabilities
    ) -> Typed? {
        guard let test = expectBool(condition, prior) else {
            _ = check(then, prior)
            _ = check(otherwise, prior)
            return nil
        }
        if test.type == .alwaysTrue { return check(then, prior.union(test.capabilities)) }
        if test.type == .alwaysFalse { return check(otherwise, prior) }
        let left = check(then, prior.union(test.capabilities))
        let right = check(otherwise, prior)
        guard let left, let right else { return nil }
        guard let joined = ValidationType.leastUpperBound(left.type, right.type) else {
            return fail("the types \(left.type) and \(right.type) are not compatible")
        }
        let capabilities = test.capabilities.union(left.capabilities).intersection(right.capabilities)
        return Typed(type: joined, capabilities: capabilities)
    }

    // MARK: - Literals

    mutating func literal(_ value: CedarValue) -> Typed? {
        switch value {
        case .bool(let flag): return Typed(type: flag ? .alwaysTrue : .alwaysFalse)
        case .long: return Typed(type: .long)
        case .string: return Typed(type: .string)
        case .entity(let uid): return Typed(type: .entity(uid.type))
        case .extension(let ext): return Typed(type: .extensionType(ext.typeName))
        case .record(let record):
            var attributes: [String: ValidationType.Attribute] = [:]
            for (key, item) in record {
                guard let typed = literal(item) else { return nil }
                attributes[key] = .init(type: typed.type, isRequired: true)  // keys of a value are already distinct
            }
            return Typed(type: .record(attributes))
        case .set(let items):
            guard !items.isEmpty else { return fail("empty set literals are forbidden in policies") }
            var element: ValidationType?
            for item in items {
                guard let typed = literal(item) else { return nil }
                guard let joined = element.map({ ValidationType.leastUpperBound($0, typed.type) }) ?? typed.type else {
                    return fail("the types \(element.map(\.description) ?? "") and \(typed.type) are not compatible")
                }
                element = joined
            }
            return Typed(type: .set(element))
        }
    }

    private mutating func setLiteral(_ elements: [Expr], _ prior: Capabilities) -> Typed? {
        guard !elements.isEmpty else { return fail("empty set literals are forbidden in policies") }
        var types: [ValidationType] = []
        for element in elements {
            guard let typed = check(element, prior) else { return nil }
            types.append(typed.type)
        }
        var element = types[0]
        for next in types.dropFirst() {
            guard let joined = ValidationType.leastUpperBound(element, next) else {
                return fail("the types \(element) and \(next) are not compatible")
            }
            element = joined
        }
        return Typed(type: .set(element))
    }
}
