/// The policy store's tables, created idempotently when a ``PolicyStore`` opens a database.
///
/// Versions and audit rows are append-only: triggers refuse updates and deletes, so neither history nor the
/// audit trail can be rewritten through this database connection.
enum PolicySchemaSQL {
    /// Every statement, each run on its own (trigger bodies hold semicolons, so no splitting).
    static let statements: [String] = [
        """
        CREATE TABLE IF NOT EXISTS policy_versions (scope TEXT NOT NULL, version INTEGER NOT NULL CHECK (version > 0),
        policies TEXT NOT NULL, schema_text TEXT, policy_ids TEXT NOT NULL, author TEXT NOT NULL,
        comment TEXT NOT NULL, created_at REAL NOT NULL, content_hash TEXT NOT NULL, PRIMARY KEY (scope, version))
        """,
        """
        CREATE TABLE IF NOT EXISTS policy_heads (scope TEXT PRIMARY KEY, latest_version INTEGER NOT NULL,
        active_version INTEGER, candidate_version INTEGER,
        mode TEXT NOT NULL DEFAULT 'enforce' CHECK (mode IN ('enforce', 'log_only')), updated_at REAL NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS policy_audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, scope TEXT NOT NULL,
        actor TEXT NOT NULL, action TEXT NOT NULL, version INTEGER, content_hash TEXT, outcome TEXT NOT NULL,
        code TEXT NOT NULL, detail TEXT NOT NULL, at REAL NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS policy_audit_scope ON policy_audit (scope, seq)",
        """
        CREATE TABLE IF NOT EXISTS policy_decisions (seq INTEGER PRIMARY KEY AUTOINCREMENT, scope TEXT NOT NULL,
        at REAL NOT NULL, request_id TEXT NOT NULL, principal TEXT NOT NULL, action TEXT NOT NULL,
        resource TEXT NOT NULL, mode TEXT NOT NULL, enforced INTEGER NOT NULL, active_version INTEGER,
        active_allowed INTEGER NOT NULL, active_reasons TEXT NOT NULL, candidate_version INTEGER,
        candidate_allowed INTEGER, candidate_reasons TEXT, disagreement INTEGER NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS policy_decisions_scope ON policy_decisions (scope, seq)",
        appendOnly("policy_versions", "UPDATE"),
        appendOnly("policy_versions", "DELETE"),
        appendOnly("policy_audit", "UPDATE"),
        appendOnly("policy_audit", "DELETE"),
    ]

    /// Reads one scope's head row.
    static let selectHead = "SELECT * FROM policy_heads WHERE scope = ?"

    private static func appendOnly(_ table: String, _ operation: String) -> String {
        """
        CREATE TRIGGER IF NOT EXISTS \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
        BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
        """
    }
}
