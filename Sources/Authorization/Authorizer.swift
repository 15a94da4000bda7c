/// Decides requests with Cedar's rules: default deny, a satisfied `forbid` overrides every `permit`, and a policy
/// whose condition errors is skipped (and reported) rather than failing the request.
public struct Authorizer: Sendable {
    /// Creates an authorizer.
    public init() {}

    /// Evaluates every static and linked policy whose scope can match the request. Never throws.
    public func isAuthorized(
        _ request: AuthorizationRequest,
        policies: PolicySet,
        entities: Entities
    ) -> AuthorizationResponse {
        decide(request, policies, entities) { body in policies.index.forEachCandidate(request, entities, body) }
    }

    /// Evaluates every static and linked policy without consulting the scope index: the reference the index is
    /// tested against.
    func isAuthorizedExhaustively(
        _ request: AuthorizationRequest,
        policies: PolicySet,
        entities: Entities
    ) -> AuthorizationResponse {
        decide(request, policies, entities) { body in
            for position in policies.active.indices { body(position) }
        }
    }

    /// Evaluates the policies at the positions `candidates` yields (in increasing order) and combines them.
    private func decide(
        _ request: AuthorizationRequest,
        _ policies: PolicySet,
        _ entities: Entities,
        candidates: ((Int) -> Void) -> Void
    ) -> AuthorizationResponse {
        let evaluator = Evaluator(request: request, entities: entities)
        var permits: Set<String> = []
        var forbids: Set<String> = []
        var errors: [PolicyErrorInfo] = []
        let active = policies.active
        // Policies are read in place (not bound to a local) so that a skipped one costs no copy of its fields.
        candidates { position in
            do throws(EvaluationError) {
                guard try evaluator.isSatisfied(active[position]) else { return }
                if active[position].effect == .permit {
                    permits.insert(active[position].id)
                } else {
                    forbids.insert(active[position].id)
                }
            } catch {
                errors.append(PolicyErrorInfo(policyID: active[position].id, error: error))
            }
        }
        if !forbids.isEmpty { return AuthorizationResponse(decision: .deny, reasons: forbids, errors: errors) }
        if !permits.isEmpty { return AuthorizationResponse(decision: .allow, reasons: permits, errors: errors) }
        return AuthorizationResponse(decision: .deny, reasons: [], errors: errors)
    }
}

extension Evaluator {
    /// Scope first (cheap, cannot fail), then each condition in order; non-boolean conditions are errors.
    func isSatisfied(_ policy: Policy) throws(EvaluationError) -> Bool {
        guard matches(policy.principal, request.principal), matches(policy.resource, request.resource),
            matches(policy.action)
        else { return false }
        for condition in policy.conditions where try boolean(condition.body) != condition.isWhen {
            return false
        }
        return true
    }

    private func matches(_ constraint: ScopeConstraint, _ uid: EntityUID) -> Bool {
        switch constraint {
        case .any: true
        case .equal(.entity(let target)): uid == target
        case .in(.entity(let target)): entities.isDescendant(uid, of: target)
        case .is(let type): uid.type == type
        case .isIn(let type, .entity(let target)): uid.type == type && entities.isDescendant(uid, of: target)
        case .equal(.slot), .in(.slot), .isIn(_, .slot): false
        }
    }

    private func matches(_ constraint: ActionConstraint) -> Bool {
        switch constraint {
        case .any: true
        case .equal(let target): request.action == target
        case .in(let targets): targets.contains { entities.isDescendant(request.action, of: $0) }
        }
    }
}
