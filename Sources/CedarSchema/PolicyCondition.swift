import Authorization

/// Builds the single boolean expression Cedar typechecks for a policy: the scope constraints conjoined with the
/// `when` clauses and the negated `unless` clauses.
enum PolicyCondition {
    static func expression(_ policy: Policy) -> Expr {
        var parts: [Expr] = [
            scope(policy.principal, .principal),
            action(policy.action),
            scope(policy.resource, .resource),
        ]
        for condition in policy.conditions {
            parts.append(condition.isWhen ? condition.body : .not(condition.body))
        }
        return parts.dropFirst().reduce(parts[0]) { .and($0, $1) }
    }

    private static func target(_ target: ScopeTarget) -> Expr {
        switch target {
        case .entity(let uid): .literal(.entity(uid))
        case .slot(let slot): .slot(slot)
        }
    }

    private static func scope(_ constraint: ScopeConstraint, _ variable: Variable) -> Expr {
        switch constraint {
        case .any: .literal(.bool(true))
        case .equal(let scopeTarget): .binary(.equal, .variable(variable), target(scopeTarget))
        case .in(let scopeTarget): .binary(.in, .variable(variable), target(scopeTarget))
        case .is(let type): .isType(.variable(variable), type)
        case .isIn(let type, let scopeTarget):
            .and(.isType(.variable(variable), type), .binary(.in, .variable(variable), target(scopeTarget)))
        }
    }

    private static func action(_ constraint: ActionConstraint) -> Expr {
        switch constraint {
        case .any: .literal(.bool(true))
        case .equal(let uid): .binary(.equal, .variable(.action), .literal(.entity(uid)))
        case .in(let uids): .binary(.in, .variable(.action), .setLiteral(uids.map { .literal(.entity($0)) }))
        }
    }
}
