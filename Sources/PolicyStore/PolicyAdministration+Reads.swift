import AgentryCore
import Foundation

extension PolicyAdministration {
    /// The caller's scope status (`GET /admin/policies` without text).
    public func status(for caller: PolicyCaller) throws(PolicyStoreError) -> PolicyStatus {
        try status(caller, guarded { try repository.head(caller.scope) })
    }

    /// The caller's enforced version with its text (`GET /admin/policies`), nil before the first publish.
    public func current(for caller: PolicyCaller) throws(PolicyStoreError) -> PolicyVersion? {
        try guarded {
            let head = try repository.head(caller.scope)
            return try head.active.flatMap { try repository.version(caller.scope, $0, head: head) }
        }
    }

    /// Metadata of every version in the caller's scope, oldest first.
    public func versions(for caller: PolicyCaller) throws(PolicyStoreError) -> [PolicyVersionInfo] {
        try guarded { try repository.versions(caller.scope, head: repository.head(caller.scope)) }
    }

    /// Version `number` of the caller's scope with its text (`GET /admin/policies/versions/{n}`).
    /// - Throws: `policy.not_found` when the caller's scope has no such version.
    public func version(_ number: Int, for caller: PolicyCaller) throws(PolicyStoreError) -> PolicyVersion {
        let found = try guarded { try repository.version(caller.scope, number, head: repository.head(caller.scope)) }
        guard let found else { throw .notFound("version does not exist") }
        return found
    }

    /// Which policies were added, removed or changed between two versions of the caller's scope, by id.
    /// - Throws: `policy.not_found` when either version is missing.
    public func diff(from old: Int, to new: Int, for caller: PolicyCaller) throws(PolicyStoreError) -> PolicyDiff {
        let before = try PolicyDocument(text: version(old, for: caller).policies)
        let after = try PolicyDocument(text: version(new, for: caller).policies)
        return PolicyDiff(from: old, to: new, before: before.sources, after: after.sources)
    }

    /// The caller's scope audit log (`GET /admin/policies/audit`), oldest first.
    public func audit(_ query: LogQuery, for caller: PolicyCaller) throws(PolicyStoreError) -> [PolicyAuditEntry] {
        try guarded { try repository.auditEntries(caller.scope, after: query.after, limit: query.limit) }
    }

    /// The caller's tenant decision log (`GET /admin/policies/decisions`), oldest first; pending records are
    /// written first.
    /// - Throws: `policy.unsupported` for the platform scope, which has no decision log.
    public func decisions(_ query: LogQuery, for caller: PolicyCaller) throws(PolicyStoreError) -> [DecisionRecord] {
        guard case .tenant = caller.scope else { throw .unsupported("the platform layer has no decision log") }
        decisionLog.flush()
        return try guarded {
            try repository.decisions(
                caller.scope,
                after: query.after,
                limit: query.limit,
                disagreementsOnly: query.disagreementsOnly
            )
        }
    }

    /// Builds the status of `caller`'s scope from its head.
    func status(_ caller: PolicyCaller, _ head: ScopeHead) throws(PolicyStoreError) -> PolicyStatus {
        var platformPresent: Bool?
        if case .tenant = caller.scope {
            platformPresent = try guarded { try repository.head(.platform).active != nil }
        }
        return PolicyStatus(
            scope: caller.scope.qualifier,
            activeVersion: head.active,
            candidateVersion: head.candidate,
            latestVersion: head.latest,
            mode: head.mode,
            platformPoliciesPresent: platformPresent
        )
    }
}
