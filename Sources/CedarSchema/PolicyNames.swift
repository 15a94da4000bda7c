import Authorization

/// Finds the entity types, actions and enumerated ids a policy mentions that the schema does not declare.
struct PolicyNames {
    let schema: Schema

    func problems(in policy: Policy) -> [(code: String, message: String)] {
        var uids: [EntityUID] = []
        var types: [String] = []
        collect(policy.principal, &uids, &types)
        collect(policy.resource, &uids, &types)
        switch policy.action {
        case .any: break
        case .equal(let uid): uids.append(uid)
        case .in(let list): uids += list
        }
        for condition in policy.conditions { collect(condition.body, &uids, &types) }

        var problems: [(code: String, message: String)] = []
        func add(_ code: String, _ message: String) {
            if !problems.contains(where: { $0.message == message }) { problems.append((code, message)) }
        }
        for uid in uids {
            if Schema.isActionType(uid.type), schema.entityTypes[uid.type] == nil {
                if schema.actions[uid] == nil { add("validation.unrecognized_action", "unrecognized action `\(uid)`") }
            } else if schema.entityTypes[uid.type] == nil {
                add("validation.unrecognized_entity_type", "unrecognized entity type `\(uid.type)`")
            } else if let choices = schema.entityTypes[uid.type]?.enumChoices, !choices.contains(uid.id) {
                add(
                    "validation.invalid_enum_entity",
                    "entity `\(uid)` is not one of the enumerated ids of `\(uid.type)`"
                )
            }
        }
        for type in types where !schema.isKnownEntityType(type) {
            add("validation.unrecognized_entity_type", "unrecognized entity type `\(type)`")
        }
        return problems
    }

    private func collect(_ constraint: ScopeConstraint, _ uids: inout [EntityUID], _ types: inout [String]) {
        switch constraint {
        case .any, .equal(.slot), .in(.slot): break
        case .equal(.entity(let uid)), .in(.entity(let uid)): uids.append(uid)
        case .is(let type), .isIn(let type, .slot): types.append(type)
        case .isIn(let type, .entity(let uid)):
            types.append(type)
            uids.append(uid)
        }
    }

    private func collect(_ expr: Expr, _ uids: inout [EntityUID], _ types: inout [String]) {
        switch expr {
        case .literal(let value), .folded(let value, _): collect(value, &uids)
        case .variable, .slot: break
        case .not(let a), .negate(let a), .like(let a, _), .has(let a, _), .attribute(let a, _):
            collect(a, &uids, &types)
        case .isType(let a, let type):
            types.append(type)
            collect(a, &uids, &types)
        case .isIn(let a, let type, let b):
            types.append(type)
            collect(a, &uids, &types)
            collect(b, &uids, &types)
        case .and(let a, let b), .or(let a, let b), .binary(_, let a, let b):
            collect(a, &uids, &types)
            collect(b, &uids, &types)
        case .ifThenElse(let a, let b, let c):
            for item in [a, b, c] { collect(item, &uids, &types) }
        case .setLiteral(let items), .call(_, let items):
            for item in items { collect(item, &uids, &types) }
        case .recordLiteral(let fields):
            for (_, item) in fields { collect(item, &uids, &types) }
        }
    }

    private func collect(_ value: CedarValue, _ uids: inout [EntityUID]) {
        switch value {
        case .entity(let uid): uids.append(uid)
        case .set(let items): for item in items { collect(item, &uids) }
        case .record(let record): for item in record.values { collect(item, &uids) }
        default: break
        }
    }
}
