/// Evaluates Cedar expressions for one request against one entity store.
///
/// Errors follow the reference engine: wrong operand types, 64-bit overflow, missing entities, attributes and
/// tags, and failed extension constructors are all errors; `&&`, `||` and `if` evaluate lazily.
struct Evaluator {
    let entities: Entities
    let principal: CedarValue
    let action: CedarValue
    let resource: CedarValue
    let context: CedarValue
    let request: AuthorizationRequest

    init(request: AuthorizationRequest, entities: Entities) {
        self.request = request
        self.entities = entities
        principal = .entity(request.principal)
        action = .entity(request.action)
        resource = .entity(request.resource)
        context = .record(request.context)
    }

    func evaluate(_ expr: Expr) throws(EvaluationError) -> CedarValue {
        switch expr {
        case .literal(let value), .folded(let value, _): return value
        case .variable(let variable): return self.variable(variable)
        case .slot(let slot): throw EvaluationError(message: "template slot `\(slot.rawValue)` is not linked")
        case .not(let inner): return .bool(!(try boolean(inner)))
        case .negate(let inner): return try negate(inner)
        case .and(let left, let right): return .bool(try boolean(left) ? try boolean(right) : false)
        case .or(let left, let right): return .bool(try boolean(left) ? true : try boolean(right))
        case .ifThenElse(let condition, let then, let otherwise):
            return try evaluate(try boolean(condition) ? then : otherwise)
        case .binary(let op, let left, let right):
            return try binary(op, try evaluate(left), try evaluate(right))
        case .like(let inner, let pattern):
            guard case .string(let text) = try evaluate(inner) else {
                throw .type(expected: "string", got: try evaluate(inner))
            }
            return .bool(pattern.matches(text))
        case .isType(let inner, let type):
            let value = try evaluate(inner)
            guard case .entity(let uid) = value else { throw .type(expected: "entity", got: value) }
            return .bool(uid.type == type)
        case .isIn(let inner, let type, let container):
            // As Cedar desugars it: `e is T && e in container`, the container evaluated only for a `T`.
            guard try boolean(.isType(inner, type)) else { return .bool(false) }
            return try binary(.in, try evaluate(inner), try evaluate(container))
        case .has(let inner, let name): return .bool(try has(try evaluate(inner), name))
        case .attribute(let inner, let name): return try attribute(try evaluate(inner), name)
        case .setLiteral(let elements):
            var set = Set<CedarValue>(minimumCapacity: elements.count)
            for element in elements { set.insert(try evaluate(element)) }
            return .set(set)
        case .recordLiteral(let fields):
            var record = [String: CedarValue](minimumCapacity: fields.count)
            for (key, value) in fields { _ = record.insertCodePointKey(key, try evaluate(value)) }
            return .record(record)
        case .call(let function, let arguments):
            var values: [CedarValue] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(try evaluate(argument)) }
            return try ExtensionFunctions.call(function, values)
        }
    }

    private func variable(_ variable: Variable) -> CedarValue {
        switch variable {
        case .principal: principal
        case .action: action
        case .resource: resource
        case .context: context
        }
    }

    /// Evaluates `expr` and requires a boolean.
    func boolean(_ expr: Expr) throws(EvaluationError) -> Bool {
        let value = try evaluate(expr)
        guard case .bool(let flag) = value else { throw .type(expected: "bool", got: value) }
        return flag
    }

    private func negate(_ inner: Expr) throws(EvaluationError) -> CedarValue {
        let value = try evaluate(inner)
        guard case .long(let number) = value else { throw .type(expected: "long", got: value) }
        let (result, overflow) = Int64(0).subtractingReportingOverflow(number)
        if overflow { throw .overflow("negate the value `\(number)`") }
        return .long(result)
    }

    /// `e has name`: false for entities that do not exist; a type error for anything but entities and records.
    private func has(_ value: CedarValue, _ name: String) throws(EvaluationError) -> Bool {
        switch value {
        case .record(let record): return record.codePointValue(forKey: name) != nil
        case .entity(let uid): return entities[uid]?.attributes.codePointValue(forKey: name) != nil
        default: throw .type(expected: "entity or record", got: value)
        }
    }

    private func attribute(_ value: CedarValue, _ name: String) throws(EvaluationError) -> CedarValue {
        switch value {
        case .record(let record):
            guard let field = record.codePointValue(forKey: name) else { throw .missingAttribute(name, on: "record") }
            return field
        case .entity(let uid):
            guard let entity = entities[uid] else { throw .missingEntity(uid) }
            guard let field = entity.attributes.codePointValue(forKey: name) else {
                throw .missingAttribute(name, on: "entity of type `\(uid.type)`")
            }
            return field
        default:
            throw .type(expected: "entity or record", got: value)
        }
    }
}
