/// Writes policies in Cedar's JSON policy format (the "EST" of docs.cedarpolicy.com, "JSON policy format").
enum PolicyJSONWriter {
    /// `{"effect", "principal", "action", "resource", "conditions", "annotations"?}`.
    static func policy(_ policy: Policy) -> CedarJSON {
        var members: [(String, CedarJSON)] = [
            ("effect", .string(policy.effect.rawValue)),
            ("principal", scope(policy.principal)),
            ("action", action(policy.action)),
            ("resource", scope(policy.resource)),
            ("conditions", .array(policy.conditions.map(condition))),
        ]
        if !policy.annotations.isEmpty {
            // Sorted by key, as Cedar writes them.
            let sorted = policy.annotations.sorted { $0.key < $1.key }
            let valueless = policy.valuelessAnnotations
            members.append(
                (
                    "annotations",
                    .object(sorted.map { ($0.key, valueless.contains($0.key) ? .null : .string($0.value)) })
                )
            )
        }
        return .object(members)
    }

    /// `{"staticPolicies": {id: …}, "templates": {id: …}, "templateLinks": [{"templateId", "newId", "values"}]}`.
    static func policySet(_ set: PolicySet) -> CedarJSON {
        let statics = set.policies.filter { !$0.isTemplate }.map { ($0.id, policy($0)) }
        let templates = set.policies.filter(\.isTemplate).map { ($0.id, policy($0)) }
        let links: [CedarJSON] = set.links.map { link in
            let values = link.values.sorted { $0.key.rawValue < $1.key.rawValue }.map { slot, uid in
                (slot.rawValue, CedarJSON.object([("__entity", entity(uid))]))
            }
            return .object([
                ("templateId", .string(link.templateID)), ("newId", .string(link.policyID)),
                ("values", .object(values)),
            ])
        }
        return .object([
            ("staticPolicies", .object(statics)), ("templates", .object(templates)), ("templateLinks", .array(links)),
        ])
    }

    static func entity(_ uid: EntityUID) -> CedarJSON {
        .object([("type", .string(uid.type)), ("id", .string(uid.id))])
    }

    private static func condition(_ condition: Condition) -> CedarJSON {
        .object([("kind", .string(condition.isWhen ? "when" : "unless")), ("body", expr(condition.body))])
    }

    private static func scope(_ constraint: ScopeConstraint) -> CedarJSON {
        func target(_ target: ScopeTarget) -> (String, CedarJSON) {
            switch target {
            case .entity(let uid): ("entity", entity(uid))
            case .slot(let slot): ("slot", .string(slot.rawValue))
            }
        }
        switch constraint {
        case .any: return .object([("op", .string("All"))])
        case .equal(let value): return .object([("op", .string("==")), target(value)])
        case .in(let value): return .object([("op", .string("in")), target(value)])
        case .is(let type): return .object([("op", .string("is")), ("entity_type", .string(type))])
        case .isIn(let type, let value):
            return .object([
                ("op", .string("is")), ("entity_type", .string(type)), ("in", .object([target(value)])),
            ])
        }
    }

    private static func action(_ constraint: ActionConstraint) -> CedarJSON {
        switch constraint {
        case .any: .object([("op", .string("All"))])
        case .equal(let uid): .object([("op", .string("==")), ("entity", entity(uid))])
        case .in(let uids) where uids.count == 1: .object([("op", .string("in")), ("entity", entity(uids[0]))])
        case .in(let uids): .object([("op", .string("in")), ("entities", .array(uids.map(entity)))])
        }
    }

    /// One expression node, keyed by its operator.
    static func expr(_ expr: Expr) -> CedarJSON {
        switch expr {
        case .literal(let value): return literal(value)
        case .folded(_, let written): return self.expr(written)
        case .variable(let variable): return node("Var", .string(variable.rawValue))
        case .slot(let slot): return node("Slot", .string(slot.rawValue))
        case .not(let inner): return node("!", .object([("arg", self.expr(inner))]))
        case .negate(let inner): return node("neg", .object([("arg", self.expr(inner))]))
        case .and(let left, let right): return pair("&&", left, right)
        case .or(let left, let right): return pair("||", left, right)
        case .ifThenElse(let condition, let then, let otherwise):
            return node(
                "if-then-else",
                .object([("if", self.expr(condition)), ("then", self.expr(then)), ("else", self.expr(otherwise))])
            )
        case .binary(let op, let left, let right): return pair(op.estName, left, right)
        case .like(let inner, let pattern):
            return node("like", .object([("left", self.expr(inner)), ("pattern", self.pattern(pattern))]))
        case .isType(let inner, let type):
            return node("is", .object([("left", self.expr(inner)), ("entity_type", .string(type))]))
        case .isIn(let inner, let type, let container):
            return node(
                "is",
                .object([("left", self.expr(inner)), ("entity_type", .string(type)), ("in", self.expr(container))])
            )
        case .has(let inner, let name):
            return node("has", .object([("left", self.expr(inner)), ("attr", .string(name))]))
        case .attribute(let inner, let name):
            return node(".", .object([("left", self.expr(inner)), ("attr", .string(name))]))
        case .setLiteral(let elements): return node("Set", .array(elements.map(self.expr)))
        case .recordLiteral(let fields): return node("Record", .object(fields.map { ($0.0, self.expr($0.1)) }))
        case .call(.isEmpty, let arguments) where arguments.count == 1:
            return node("isEmpty", .object([("arg", self.expr(arguments[0]))]))
        case .call(let function, let arguments): return node(function.rawValue, .array(arguments.map(self.expr)))
        }
    }

    private static func node(_ key: String, _ body: CedarJSON) -> CedarJSON { .object([(key, body)]) }

    private static func pair(_ key: String, _ left: Expr, _ right: Expr) -> CedarJSON {
        node(key, .object([("left", expr(left)), ("right", expr(right))]))
    }

    /// Literal runs as `{"Literal": text}`, wildcards as `"Wildcard"`.
    private static func pattern(_ pattern: LikePattern) -> CedarJSON {
        var items: [CedarJSON] = []
        var run = String.UnicodeScalarView()
        for element in pattern.elements {
            switch element {
            case .scalar(let scalar): run.append(scalar)
            case .wildcard:
                if !run.isEmpty { items.append(node("Literal", .string(String(run)))) }
                run = String.UnicodeScalarView()
                items.append(.string("Wildcard"))
            }
        }
        if !run.isEmpty { items.append(node("Literal", .string(String(run)))) }
        return .array(items)
    }

    /// Plain values as `{"Value": …}`; sets, records and extension values as the expressions that build them.
    private static func literal(_ value: CedarValue) -> CedarJSON {
        switch value {
        case .bool(let flag): return node("Value", .bool(flag))
        case .long(let number): return node("Value", .integer(number))
        case .string(let text): return node("Value", .string(text))
        case .entity(let uid): return node("Value", .object([("__entity", entity(uid))]))
        case .set(let elements):
            let items = elements.map { literal($0) }.sorted { $0.serialized() < $1.serialized() }
            return node("Set", .array(items))
        case .record(let fields):
            return node(
                "Record",
                .object(fields.sorted { $0.key < $1.key }.map { ($0.key.unaliasedKey, literal($0.value)) })
            )
        case .extension(let value): return extensionValue(value)
        }
    }

    private static func extensionValue(_ value: CedarExtensionValue) -> CedarJSON {
        func construct(_ name: String, _ text: String) -> CedarJSON {
            node(name, .array([node("Value", .string(text))]))
        }
        switch value {
        case .decimal(let scaled): return construct("decimal", ValueFormatter.decimalText(scaled))
        case .ipaddr(let address): return construct("ip", address.description)
        case .duration(let span): return construct("duration", ValueFormatter.durationText(span))
        case .datetime(let instant):
            if let text = ValueFormatter.datetimeString(instant) { return construct("datetime", text) }
            let epoch = construct("datetime", "1970-01-01T00:00:00.000Z")
            return node("offset", .array([epoch, construct("duration", ValueFormatter.durationText(instant))]))
        }
    }
}

extension BinaryOperator {
    /// The operator's key in the JSON policy format (and its text form for symbolic operators).
    package var estName: String {
        switch self {
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .in: "in"
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .contains: "contains"
        case .containsAll: "containsAll"
        case .containsAny: "containsAny"
        case .getTag: "getTag"
        case .hasTag: "hasTag"
        }
    }
}
