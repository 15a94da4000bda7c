import AgentryCore
import Authorization
import Foundation
import Storage

extension PolicyAdministration {
    /// Parses, checks, validates and writes one new version, auditing the attempt whatever its outcome.
    func commit(
        policies: String,
        schema: SchemaChange,
        expected: Int,
        comment: String,
        as action: PolicyAuditEntry.Action,
        by caller: PolicyCaller,
        detail: String = ""
    ) throws(PolicyStoreError) -> PublishResponse {
        let scope = caller.scope
        var draft = AuditDraft(scope: scope, actor: caller.actor, action: action, detail: detail)

        let schemaText = try resolve(schema, scope: scope, expected: expected)
        draft.contentHash = ContentHash.of(policies: policies, schema: schemaText)

        // Parse and validate before any write; a refusal leaves only its audit row behind.
        let document: PolicyDocument
        do {
            document = try PolicyDocument(text: policies)
        } catch {
            try refuse(error, draft)
        }
        let warnings = try validate(document, schemaText: schemaText, scope: scope, draft: draft)

        // Write the version, the head and the audit row together, if the caller's view is still current.
        let content = VersionContent(policies: policies, schema: schemaText, policyIDs: document.set.policyIDs)
        let now = clock()
        let written: (ScopeHead, PolicyVersionInfo)
        do {
            written = try write(
                content,
                expected: expected,
                action: action,
                caller: caller,
                comment: comment,
                draft: draft,
                at: now
            )
        } catch {
            try refuse(error, draft)
        }
        cache.invalidate(scope)
        logger.debug("policy version published", ["scope": scope.qualifier, "version": String(written.1.version)])
        return PublishResponse(version: written.1, warnings: warnings, status: try status(caller, written.0))
    }

    /// The schema a new version carries: kept from the version the caller expects to replace, replaced, or
    /// removed.
    private func resolve(
        _ schema: SchemaChange,
        scope: PolicyScope,
        expected: Int
    ) throws(PolicyStoreError) -> String? {
        switch schema {
        case .replace(let text): return text
        case .keep:
            guard expected > 0 else { return nil }
            return try guarded { try repository.version(scope, expected, head: .empty) }?.schema
        }
    }

    private func validate(
        _ document: PolicyDocument,
        schemaText: String?,
        scope: PolicyScope,
        draft: AuditDraft
    ) throws(PolicyStoreError) -> [PolicyFinding] {
        // A tenant without a schema of its own is validated against the platform's schema, if there is one.
        var effectiveSchema = schemaText
        if effectiveSchema == nil, case .tenant = scope {
            effectiveSchema = try guarded {
                let platform = try repository.head(.platform)
                return try platform.active.flatMap { try repository.version(.platform, $0, head: platform) }?.schema
            }
        }
        let findings = validator.validate(policies: document.set, schemaText: effectiveSchema)
        if findings.contains(where: { $0.severity == .error }) { try refuse(PolicyStoreError.invalid(findings), draft) }
        return findings
    }

    private func write(
        _ content: VersionContent,
        expected: Int,
        action: PolicyAuditEntry.Action,
        caller: PolicyCaller,
        comment: String,
        draft: AuditDraft,
        at now: Date
    ) throws -> (ScopeHead, PolicyVersionInfo) {
        let scope = caller.scope
        return try repository.database.transaction { tx in
            var head = try PolicyRepository.head(scope, in: tx)
            guard head.latest == expected else {
                throw PolicyStoreError.versionConflict(expected: expected, latest: head.latest)
            }
            let number = head.latest + 1
            try PolicyRepository.insert(
                content,
                number: number,
                scope: scope,
                author: caller.actor,
                comment: comment,
                at: now,
                in: tx
            )
            head.latest = number
            if action == .proposeCandidate { head.candidate = number } else { head.active = number }
            try PolicyRepository.write(head, scope, at: now, in: tx)
            var accepted = draft
            accepted.version = number
            try PolicyRepository.audit(accepted, at: now, in: tx)
            let info = PolicyVersionInfo(
                version: number,
                author: caller.actor,
                comment: comment,
                createdAt: now,
                contentHash: content.hash,
                policyIDs: content.policyIDs,
                hasSchema: content.schema != nil,
                role: head.role(of: number)
            )
            return (head, info)
        }
    }

    /// Moves the candidate pointer (promote or discard) in one audited transaction.
    func moveHead(
        _ action: PolicyAuditEntry.Action,
        _ request: CandidateRequest,
        _ caller: PolicyCaller,
        _ change: (inout ScopeHead) -> Void
    ) throws(PolicyStoreError) -> PolicyStatus {
        var draft = AuditDraft(scope: caller.scope, actor: caller.actor, action: action)
        draft.version = request.candidateVersion
        let now = clock()
        let head: ScopeHead
        do {
            head = try repository.database.transaction { tx in
                var head = try PolicyRepository.head(caller.scope, in: tx)
                guard let candidate = head.candidate else {
                    throw PolicyStoreError.notFound("there is no candidate")
                }
                if let named = request.candidateVersion, named != candidate {
                    throw PolicyStoreError.candidateConflict(expected: named)
                }
                change(&head)
                try PolicyRepository.write(head, caller.scope, at: now, in: tx)
                var accepted = draft
                accepted.version = candidate
                try PolicyRepository.audit(accepted, at: now, in: tx)
                return head
            }
        } catch {
            try refuse(error, draft)
        }
        cache.invalidate(caller.scope)
        return try status(caller, head)
    }

    /// Records a refused attempt in the audit log, then throws `error` (storage faults become
    /// `policy.storage_failed`).
    func refuse(_ error: any Error, _ draft: AuditDraft) throws(PolicyStoreError) -> Never {
        let failure = (error as? PolicyStoreError) ?? .storage()
        var rejected = draft
        rejected.outcome = "rejected"
        rejected.code = failure.code
        do {
            try repository.audit(rejected, at: clock())
        } catch {
            logger.error("policy audit write failed", [LogKey.errorCode: failure.code])
        }
        throw failure
    }

    /// ``refuse(_:_:)`` for an attempt without content.
    func refuse(
        _ error: PolicyStoreError,
        _ action: PolicyAuditEntry.Action,
        _ caller: PolicyCaller
    ) throws(PolicyStoreError) -> Never {
        try refuse(error, AuditDraft(scope: caller.scope, actor: caller.actor, action: action))
    }

    /// Runs a storage read, mapping database faults to `policy.storage_failed`.
    func guarded<T>(_ body: () throws -> T) throws(PolicyStoreError) -> T {
        do {
            return try body()
        } catch let error as PolicyStoreError {
            throw error
        } catch {
            logger.error("policy storage failed", [LogKey.errorCode: "policy.storage_failed"])
            throw .storage()
        }
    }
}
