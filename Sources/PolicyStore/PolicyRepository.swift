import AgentryCore
import Foundation
import Storage

/// A scope's pointers: newest version number, enforced version, candidate, mode.
struct ScopeHead: Sendable, Hashable {
    var latest: Int
    var active: Int?
    var candidate: Int?
    var mode: EnforcementMode

    /// The head of a scope that has never been written.
    static let empty = ScopeHead(latest: 0, active: nil, candidate: nil, mode: .enforce)

    /// The role `version` plays under this head.
    func role(of version: Int) -> VersionRole {
        version == active ? .active : version == candidate ? .candidate : .inactive
    }
}

/// Content of a version about to be written.
struct VersionContent: Sendable {
    let policies: String
    let schema: String?
    let policyIDs: [String]
    var hash: String { ContentHash.of(policies: policies, schema: schema) }
}

/// SQL access for versions and heads. Every statement is keyed by a scope's storage key; nothing here reads
/// across scopes.
final class PolicyRepository: Sendable {
    let database: SQLiteDatabase

    /// Wraps `database` and installs the tables if they are missing.
    init(database: SQLiteDatabase) throws {
        self.database = database
        for statement in PolicySchemaSQL.statements { try database.execute(statement) }
        try PolicyLogSequence.migrate(database)
    }

    /// The scope's head, ``ScopeHead/empty`` when it has none.
    func head(_ scope: PolicyScope) throws -> ScopeHead {
        try Self.head(scope, rows: database.query(PolicySchemaSQL.selectHead, [.text(scope.storageKey)]))
    }

    /// The head inside a transaction.
    static func head(_ scope: PolicyScope, in tx: SQLiteDatabase.Transaction) throws -> ScopeHead {
        try head(scope, rows: tx.query(PolicySchemaSQL.selectHead, [.text(scope.storageKey)]))
    }

    private static func head(_ scope: PolicyScope, rows: [SQLRow]) -> ScopeHead {
        guard let row = rows.first else { return .empty }
        return ScopeHead(
            latest: row.int("latest_version") ?? 0,
            active: row.int("active_version"),
            candidate: row.int("candidate_version"),
            mode: row.string("mode").flatMap(EnforcementMode.init(rawValue:)) ?? .enforce
        )
    }

    /// Writes `head` for `scope`, inserting or replacing its row.
    static func write(_ head: ScopeHead, _ scope: PolicyScope, at: Date, in tx: SQLiteDatabase.Transaction) throws {
        try tx.query(
            """
            INSERT INTO policy_heads (scope, latest_version, active_version, candidate_version, mode, updated_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET latest_version = excluded.latest_version,
            active_version = excluded.active_version, candidate_version = excluded.candidate_version,
            mode = excluded.mode, updated_at = excluded.updated_at
            """,
            [
                .text(scope.storageKey), .int(head.latest), head.active.map(SQLValue.int) ?? .null,
                head.candidate.map(SQLValue.int) ?? .null, .text(head.mode.rawValue), .real(at.timeIntervalSince1970),
            ]
        )
    }

    /// Inserts version `number` of `scope`.
    static func insert(
        _ content: VersionContent,
        number: Int,
        scope: PolicyScope,
        author: String,
        comment: String,
        at: Date,
        in tx: SQLiteDatabase.Transaction
    ) throws {
        let ids = JSONValue.array(content.policyIDs.map(JSONValue.string)).serializedString()
        try tx.query(
            """
            INSERT INTO policy_versions (scope, version, policies, schema_text, policy_ids, author, comment,
            created_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(scope.storageKey), .int(number), .text(content.policies), .optionalText(content.schema),
                .text(ids), .text(author), .text(comment), .real(at.timeIntervalSince1970), .text(content.hash),
            ]
        )
    }

    /// Metadata of every version of `scope`, oldest first.
    func versions(_ scope: PolicyScope, head: ScopeHead) throws -> [PolicyVersionInfo] {
        try database.query(
            """
            SELECT version, author, comment, created_at, content_hash, policy_ids, schema_text IS NOT NULL AS has_schema
            FROM policy_versions WHERE scope = ? ORDER BY version
            """,
            [.text(scope.storageKey)]
        ).map { Self.info($0, head: head) }
    }

    /// Version `number` of `scope` with its text, or nil.
    func version(_ scope: PolicyScope, _ number: Int, head: ScopeHead) throws -> PolicyVersion? {
        let rows = try database.query(
            """
            SELECT *, schema_text IS NOT NULL AS has_schema FROM policy_versions WHERE scope = ? AND version = ?
            """,
            [.text(scope.storageKey), .int(number)]
        )
        guard let row = rows.first else { return nil }
        return PolicyVersion(
            info: Self.info(row, head: head),
            policies: row.string("policies") ?? "",
            schema: row.string("schema_text")
        )
    }

    private static func info(_ row: SQLRow, head: ScopeHead) -> PolicyVersionInfo {
        let number = row.int("version") ?? 0
        let ids = (try? JSONValue.parse(row.string("policy_ids") ?? "[]"))?.arrayValue ?? []
        return PolicyVersionInfo(
            version: number,
            author: row.string("author") ?? "",
            comment: row.string("comment") ?? "",
            createdAt: Date(timeIntervalSince1970: row.double("created_at") ?? 0),
            contentHash: row.string("content_hash") ?? "",
            policyIDs: ids.compactMap(\.stringValue),
            hasSchema: row.int("has_schema") == 1,
            role: head.role(of: number)
        )
    }
}
