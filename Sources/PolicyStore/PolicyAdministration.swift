import AgentryCore
import Authorization
import Foundation
import Storage

/// The policy administration service behind `/admin/policies` and `agentry policy …`.
///
/// Every method takes the verified ``PolicyCaller`` and works on the caller's own scope only: a tenant
/// administrator reads and writes their tenant's versions, audit and decision log and nothing else; platform
/// policies are read and written by platform administrators only. Tenants learn that platform policies exist
/// (``PolicyStatus/platformPoliciesPresent``) but never their ids or text. Every change attempt, accepted or
/// refused, is recorded in the scope's audit log.
public final class PolicyAdministration: Sendable {
    let repository: PolicyRepository
    let cache: PolicyCache
    let decisionLog: DecisionLogBuffer
    let validator: any PolicyValidating
    let clock: @Sendable () -> Date
    let logger = Logger(label: "agentry.policy")

    init(
        repository: PolicyRepository,
        cache: PolicyCache,
        decisionLog: DecisionLogBuffer,
        validator: any PolicyValidating,
        clock: @escaping @Sendable () -> Date
    ) {
        self.repository = repository
        self.cache = cache
        self.decisionLog = decisionLog
        self.validator = validator
        self.clock = clock
    }

    /// Publishes new policies as the scope's enforced version (`PUT /admin/policies`).
    ///
    /// The text is parsed, held to the store's rules and validated against the schema in force before anything
    /// is written; the version is written only if `expectedVersion` is still the scope's latest.
    /// - Throws: `policy.invalid` (with findings), `policy.version_conflict`, `policy.storage_failed`.
    public func publish(_ request: PublishRequest, by caller: PolicyCaller) throws(PolicyStoreError) -> PublishResponse
    {
        try commit(
            policies: request.policies,
            schema: request.schema,
            expected: request.expectedVersion,
            comment: request.comment,
            as: .publish,
            by: caller
        )
    }

    /// Publishes new policies as the tenant's log-only candidate (`POST /admin/policies/candidate`), replacing
    /// any earlier candidate. The candidate is evaluated beside the active version and logged, never enforced.
    /// - Throws: as ``publish(_:by:)``, and `policy.unsupported` for the platform scope.
    public func proposeCandidate(
        _ request: PublishRequest,
        by caller: PolicyCaller
    ) throws(PolicyStoreError) -> PublishResponse {
        guard case .tenant = caller.scope else {
            try refuse(PolicyStoreError.unsupported("the platform layer has no candidates"), .proposeCandidate, caller)
        }
        return try commit(
            policies: request.policies,
            schema: request.schema,
            expected: request.expectedVersion,
            comment: request.comment,
            as: .proposeCandidate,
            by: caller
        )
    }

    /// Republishes version `toVersion`'s policies and schema as a new enforced version.
    /// - Throws: `policy.not_found` for an unknown version, otherwise as ``publish(_:by:)``.
    public func rollback(
        _ request: RollbackRequest,
        by caller: PolicyCaller
    ) throws(PolicyStoreError) -> PublishResponse {
        let old = try guarded { try repository.version(caller.scope, request.toVersion, head: .empty) }
        guard let old else { try refuse(.notFound("version does not exist"), .rollback, caller) }
        return try commit(
            policies: old.policies,
            schema: .replace(old.schema),
            expected: request.expectedVersion,
            comment: request.comment,
            as: .rollback,
            by: caller,
            detail: "from=\(request.toVersion)"
        )
    }

    /// Makes the tenant's candidate its enforced version (`POST /admin/policies/candidate/promote`).
    /// - Throws: `policy.not_found` without a candidate, `policy.version_conflict` when `candidateVersion` is
    ///   given and is not the current candidate.
    public func promote(_ request: CandidateRequest, by caller: PolicyCaller) throws(PolicyStoreError) -> PolicyStatus {
        try moveHead(.promote, request, caller) { head in
            head.active = head.candidate
            head.candidate = nil
        }
    }

    /// Drops the tenant's candidate (`POST /admin/policies/candidate/discard`); the version stays in history.
    /// - Throws: as ``promote(_:by:)``.
    public func discard(_ request: CandidateRequest, by caller: PolicyCaller) throws(PolicyStoreError) -> PolicyStatus {
        try moveHead(.discard, request, caller) { head in head.candidate = nil }
    }

    /// Sets the tenant layer's ``EnforcementMode``. Platform policies are always enforced.
    /// - Throws: `policy.unsupported` for the platform scope.
    public func setMode(_ request: ModeRequest, by caller: PolicyCaller) throws(PolicyStoreError) -> PolicyStatus {
        var draft = AuditDraft(scope: caller.scope, actor: caller.actor, action: .setMode)
        draft.detail = "mode=" + request.mode.rawValue
        guard case .tenant = caller.scope else {
            try refuse(PolicyStoreError.unsupported("the platform layer is always enforced"), draft)
        }
        let now = clock()
        let head = try guarded {
            try repository.database.transaction { tx in
                var head = try PolicyRepository.head(caller.scope, in: tx)
                head.mode = request.mode
                try PolicyRepository.write(head, caller.scope, at: now, in: tx)
                draft.version = head.active
                try PolicyRepository.audit(draft, at: now, in: tx)
                return head
            }
        }
        cache.invalidate(caller.scope)
        return try status(caller, head)
    }
}
