import Authorization

extension TypeChecker {
    /// Where an attribute lives, for lookups and messages.
    private enum Owner {
        case entity(String)
        case record([String: ValidationType.Attribute], isContext: Bool)
    }

    private func owner(_ target: Expr, _ type: ValidationType) -> Owner? {
        switch type {
        case .entity(let name): return .entity(name)
        case .record(let attributes):
            if case .variable(.context) = target { return .record(attributes, isContext: true) }
            return .record(attributes, isContext: false)
        default: return nil
        }
    }

    private func attributes(of owner: Owner) -> [String: ValidationType.Attribute] {
        switch owner {
        case .entity(let name):
            guard let definition = schema.entityTypes[name] else { return [:] }
            return ValidationType.attributes(definition.attributes)
        case .record(let attributes, _): return attributes
        }
    }

    /// `target has name`: `False` when the attribute cannot exist, `True` when a capability (or a required record
    /// attribute) guarantees it, otherwise `Bool` with the capability for the true branch.
    mutating func has(_ target: Expr, _ name: String, _ prior: Capabilities) -> Typed? {
        guard let typed = check(target, prior) else { return nil }
        if typed.type == .anyEntity { return Typed(type: .anyBool) }
        guard let owner = owner(target, typed.type) else {
            return unexpected(typed.type, expected: "entity, or record")
        }
        guard let attribute = attributes(of: owner).codePointValue(forKey: name) else {
            return Typed(type: .alwaysFalse)
        }
        let capability = ExprKey.key(target) + "." + ExprKey.exact(name)
        if prior.contains(capability) { return Typed(type: .alwaysTrue) }
        if attribute.isRequired, case .record = owner { return Typed(type: .alwaysTrue) }
        return Typed(type: .anyBool, capabilities: [capability])
    }

    /// `target.name`: the attribute must be declared, and an optional one guarded by a capability.
    mutating func attribute(_ target: Expr, _ name: String, _ prior: Capabilities) -> Typed? {
        guard let typed = check(target, prior) else { return nil }
        guard let owner = owner(target, typed.type) else {
            return unexpected(typed.type, expected: "entity, or record")
        }
        guard let attribute = attributes(of: owner).codePointValue(forKey: name) else {
            switch owner {
            case .entity(let type): return fail("attribute `\(name)` on entity type `\(type)` not found")
            case .record(_, true): return fail("attribute `\(name)` in context for \(env.action) not found")
            case .record: return fail("attribute `\(name)` not found")
            }
        }
        if !attribute.isRequired, !prior.contains(ExprKey.key(target) + "." + ExprKey.exact(name)) {
            switch owner {
            case .entity(let type):
                return fail(
                    "unable to guarantee safety of access to optional attribute `\(name)` on entity type `\(type)`"
                )
            case .record(_, true):
                return fail(
                    "unable to guarantee safety of access to optional attribute `\(name)` in context for \(env.action)"
                )
            case .record:
                return fail("unable to guarantee safety of access to optional attribute `\(name)`")
            }
        }
        return Typed(type: attribute.type)
    }

    /// `e.hasTag(k)` and `e.getTag(k)`: the entity type must declare tags; reading one needs the capability.
    mutating func tag(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, _ prior: Capabilities) -> Typed? {
        let target = check(lhs, prior)
        let key = check(rhs, prior)
        guard let target, let key else { return nil }
        guard key.type == .string else { return unexpected(key.type, expected: "String") }
        let entityType: String
        switch target.type {
        case .entity(let name): entityType = name
        case .anyEntity: return op == .hasTag ? Typed(type: .anyBool) : fail("unable to guarantee safety of tags")
        default: return unexpected(target.type, expected: "entity")
        }
        let capability = ExprKey.key(lhs) + "#" + ExprKey.key(rhs)
        let tagType = schema.entityTypes[entityType]?.tags
        if op == .hasTag {
            guard tagType != nil else { return Typed(type: .alwaysFalse) }
            if prior.contains(capability) { return Typed(type: .alwaysTrue) }
            return Typed(type: .anyBool, capabilities: [capability])
        }
        guard let tagType, prior.contains(capability) else {
            return fail(
                "unable to guarantee safety of access to tag `\(ExprKey.key(rhs))` on entity type `\(entityType)`"
            )
        }
        return Typed(type: ValidationType(tagType))
    }
}
