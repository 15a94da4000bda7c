import AgentryCore
import Foundation
import Storage

/// An append-only record of security decisions: denials, cross-tenant attempts, tool calls, blocked input.
///
/// Rows carry the tenant, request id, principal, action, resource id, outcome and error code — never token,
/// prompt or document text.
public final class AuditLog: Sendable {
    /// One audit row.
    public struct Entry: Sendable, Codable {
        /// When the decision was made.
        public let at: Date
        /// Tenant of the caller.
        public let tenant: String
        /// Edge request id.
        public let requestID: String
        /// `tenant/user` of the caller.
        public let principal: String
        /// What was attempted, e.g. `Retrieve`.
        public let action: String
        /// The id the caller named (never content).
        public let resource: String
        /// `allow`, `deny`, `blocked`, `denied`, `failed`, ….
        public let outcome: String
        /// Stable error code of a refusal, or empty.
        public let code: String
    }

    private let database: SQLiteDatabase
    private let logger = Logger(label: "agentry.audit")

    /// Opens the audit table in `database`.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// The schema step that creates the audit table.
    public static let migration = """
        CREATE TABLE IF NOT EXISTS audit_events (at REAL NOT NULL, tenant_id TEXT NOT NULL CHECK (tenant_id <> ''),
        request_id TEXT NOT NULL, principal TEXT NOT NULL, action TEXT NOT NULL, resource TEXT NOT NULL,
        outcome TEXT NOT NULL, code TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_tenant ON audit_events (tenant_id, at)
        """

    /// Records one decision and logs it at `notice` (denials) or `info`.
    public func record(
        tenant: String,
        requestID: String,
        principal: String,
        action: String,
        resource: String,
        outcome: String,
        code: String = ""
    ) {
        let metadata = [
            LogKey.tenant: tenant, LogKey.request: requestID, LogKey.principal: principal, "action": action,
            "resource": resource, LogKey.decision: outcome, LogKey.errorCode: code,
        ]
        switch outcome {
        case "allow": logger.info("access decision", metadata)
        case "deny", "blocked": logger.notice("access refused", metadata)
        default: logger.notice("access outcome", metadata)
        }
        try? database.execute(
            "INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .real(Date().timeIntervalSince1970), .text(tenant), .text(requestID), .text(principal),
                .text(action), .text(resource), .text(outcome), .text(code),
            ]
        )
    }

    /// Entries for `tenant` (newest last), optionally only those with `outcome`.
    public func entries(tenant: String, outcome: String? = nil) throws -> [Entry] {
        var sql = "SELECT * FROM audit_events WHERE tenant_id = ?"
        var parameters: [SQLValue] = [.text(tenant)]
        if let outcome {
            sql += " AND outcome = ?"
            parameters.append(.text(outcome))
        }
        return try database.query(sql + " ORDER BY at", parameters).map { row in
            Entry(
                at: Date(timeIntervalSince1970: row.double("at") ?? 0),
                tenant: row.string("tenant_id") ?? "",
                requestID: row.string("request_id") ?? "",
                principal: row.string("principal") ?? "",
                action: row.string("action") ?? "",
                resource: row.string("resource") ?? "",
                outcome: row.string("outcome") ?? "",
                code: row.string("code") ?? ""
            )
        }
    }
}
