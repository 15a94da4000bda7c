import AgentryCore
import Foundation
import Storage

/// An audit row about to be written.
struct AuditDraft: Sendable {
    let scope: PolicyScope
    let actor: String
    let action: PolicyAuditEntry.Action
    var version: Int?
    var contentHash: String?
    var outcome = "accepted"
    var code = ""
    var detail = ""
}

extension PolicyRepository {
    private static let insertAudit = """
        INSERT INTO policy_audit (scope, actor, action, version, content_hash, outcome, code, detail, at, scope_seq)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \(PolicyLogSequence.next("policy_audit")))
        """

    private static func auditParameters(_ draft: AuditDraft, at: Date) -> [SQLValue] {
        [
            .text(draft.scope.storageKey), .text(draft.actor), .text(draft.action.rawValue),
            draft.version.map(SQLValue.int) ?? .null, .optionalText(draft.contentHash), .text(draft.outcome),
            .text(draft.code), .text(draft.detail), .real(at.timeIntervalSince1970),
        ]
    }

    /// Appends an audit row inside the transaction that makes the change, so both land or neither does.
    static func audit(_ draft: AuditDraft, at: Date, in tx: SQLiteDatabase.Transaction) throws {
        try tx.query(insertAudit, auditParameters(draft, at: at))
    }

    /// Appends an audit row on its own (for refused attempts, whose transaction was rolled back).
    func audit(_ draft: AuditDraft, at: Date) throws {
        try database.execute(Self.insertAudit, Self.auditParameters(draft, at: at))
    }

    /// Audit rows of `scope` after sequence `after`, oldest first, at most `limit`.
    func auditEntries(_ scope: PolicyScope, after: Int, limit: Int) throws -> [PolicyAuditEntry] {
        try database.query(
            "SELECT * FROM policy_audit WHERE scope = ? AND scope_seq > ? ORDER BY scope_seq LIMIT ?",
            [.text(scope.storageKey), .int(after), .int(limit)]
        ).map { row in
            PolicyAuditEntry(
                sequence: row.int("scope_seq") ?? 0,
                actor: row.string("actor") ?? "",
                action: row.string("action").flatMap(PolicyAuditEntry.Action.init(rawValue:)) ?? .publish,
                version: row.int("version"),
                contentHash: row.string("content_hash"),
                outcome: row.string("outcome") ?? "",
                code: row.string("code") ?? "",
                detail: row.string("detail") ?? "",
                at: Date(timeIntervalSince1970: row.double("at") ?? 0)
            )
        }
    }

    /// Appends decision records of one tenant each in one transaction.
    func appendDecisions(_ records: [(PolicyScope, DecisionRecord)]) throws {
        guard !records.isEmpty else { return }
        let next = PolicyLogSequence.next("policy_decisions")
        try database.transaction { tx in
            for (scope, record) in records {
                try tx.query(
                    """
                    INSERT INTO policy_decisions (scope, at, request_id, principal, action, resource, mode, enforced,
                    active_version, active_allowed, active_reasons, candidate_version, candidate_allowed,
                    candidate_reasons, disagreement, scope_seq)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \(next))
                    """,
                    Self.decisionParameters(scope, record)
                )
            }
        }
    }

    private static func decisionParameters(_ scope: PolicyScope, _ record: DecisionRecord) -> [SQLValue] {
        func list(_ ids: [String]) -> String { JSONValue.array(ids.map(JSONValue.string)).serializedString() }
        return [
            .text(scope.storageKey), .real(record.at.timeIntervalSince1970), .text(record.requestID),
            .text(record.principal), .text(record.action), .text(record.resource), .text(record.mode.rawValue),
            .int(record.enforcedAllowed ? 1 : 0), record.activeVersion.map(SQLValue.int) ?? .null,
            .int(record.activeAllowed ? 1 : 0), .text(list(record.activeReasons)),
            record.candidateVersion.map(SQLValue.int) ?? .null,
            record.candidateAllowed.map { .int($0 ? 1 : 0) } ?? .null, .optionalText(record.candidateReasons.map(list)),
            .int(record.disagreement ? 1 : 0),
        ]
    }

    /// Decision rows of `scope` after sequence `after`, oldest first, at most `limit`.
    func decisions(_ scope: PolicyScope, after: Int, limit: Int, disagreementsOnly: Bool) throws -> [DecisionRecord] {
        let filter = disagreementsOnly ? " AND disagreement = 1" : ""
        return try database.query(
            "SELECT * FROM policy_decisions WHERE scope = ? AND scope_seq > ?\(filter) ORDER BY scope_seq LIMIT ?",
            [.text(scope.storageKey), .int(after), .int(limit)]
        ).map(Self.decision)
    }

    private static func decision(_ row: SQLRow) -> DecisionRecord {
        func list(_ column: String) -> [String]? {
            guard let text = row.string(column) else { return nil }
            return (try? JSONValue.parse(text))?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        return DecisionRecord(
            sequence: row.int("scope_seq") ?? 0,
            at: Date(timeIntervalSince1970: row.double("at") ?? 0),
            requestID: row.string("request_id") ?? "",
            principal: row.string("principal") ?? "",
            action: row.string("action") ?? "",
            resource: row.string("resource") ?? "",
            mode: row.string("mode").flatMap(EnforcementMode.init(rawValue:)) ?? .enforce,
            enforcedAllowed: row.int("enforced") == 1,
            activeVersion: row.int("active_version"),
            activeAllowed: row.int("active_allowed") == 1,
            activeReasons: list("active_reasons") ?? [],
            candidateVersion: row.int("candidate_version"),
            candidateAllowed: row.int("candidate_allowed").map { $0 == 1 },
            candidateReasons: list("candidate_reasons")
        )
    }
}
