import Authorization

/// Decides whether a scope constraint can match a request type, from the schema's hierarchy alone.
struct ScopeMatcher {
    let schema: Schema

    func matches(_ constraint: ScopeConstraint, type: String) -> Bool {
        switch constraint {
        case .any: true
        case .equal(.entity(let uid)): uid.type == type
        case .in(.entity(let uid)): schema.mayDescend(type, from: uid.type)
        case .is(let name): name == type
        case .isIn(let name, .entity(let uid)): name == type && schema.mayDescend(type, from: uid.type)
        case .equal(.slot), .in(.slot), .isIn(_, .slot):
            if case .isIn(let name, _) = constraint { name == type } else { true }
        }
    }

    func matches(_ constraint: ActionConstraint, _ action: EntityUID) -> Bool {
        switch constraint {
        case .any: return true
        case .equal(let uid): return uid == action
        case .in(let uids):
            let ancestors = schema.actionAncestors(action)
            return uids.contains { $0 == action || ancestors.contains($0) }
        }
    }
}
