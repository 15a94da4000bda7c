import Storage

/// Per-scope sequence numbers for the audit and decision logs.
///
/// Both tables have a global `seq` (SQLite's rowid); showing it to a tenant would let the tenant count other
/// tenants' changes and decisions from the gaps. Each row therefore also carries `scope_seq`, numbered 1, 2, 3…
/// within its scope, and that is the only number callers see and page with (`after`).
enum PolicyLogSequence {
    /// The two logs, each numbered per scope.
    static let tables = ["policy_audit", "policy_decisions"]

    /// The expression that numbers a new row of `table` for the scope bound to the statement's first `?`.
    static func next(_ table: String) -> String {
        "COALESCE((SELECT MAX(scope_seq) FROM \(table) WHERE scope = ?1), 0) + 1"
    }

    /// Adds and backfills `scope_seq` where a database predates it, then indexes it; safe to run at every open.
    ///
    /// Rows are numbered in their original `seq` order within each scope. The audit log's update trigger is
    /// lifted for the backfill only, inside the same transaction, and restored before it commits.
    static func migrate(_ database: SQLiteDatabase) throws {
        for table in tables {
            let columns = try database.query("PRAGMA table_info(\(table))").compactMap { $0.string("name") }
            if !columns.contains("scope_seq") {
                try database.transaction { tx in
                    try tx.query("ALTER TABLE \(table) ADD COLUMN scope_seq INTEGER")
                    try backfill(table, in: tx)
                }
            }
            try database.execute(
                "CREATE UNIQUE INDEX IF NOT EXISTS \(table)_scope_seq ON \(table) (scope, scope_seq)"
            )
        }
    }

    private static func backfill(_ table: String, in tx: SQLiteDatabase.Transaction) throws {
        // Number every scope's rows once (window function), then copy the numbers by primary key.
        try tx.query("CREATE TEMP TABLE scope_seq_map (seq INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
        try tx.query(
            """
            INSERT INTO scope_seq_map (seq, n)
            SELECT seq, ROW_NUMBER() OVER (PARTITION BY scope ORDER BY seq) FROM \(table)
            """
        )
        let trigger = "\(table)_no_update"
        let hadTrigger =
            !(try tx.query(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                [.text(trigger)]
            )).isEmpty
        if hadTrigger { try tx.query("DROP TRIGGER \(trigger)") }
        try tx.query(
            "UPDATE \(table) SET scope_seq = (SELECT n FROM scope_seq_map WHERE scope_seq_map.seq = \(table).seq)"
        )
        if hadTrigger {
            try tx.query(
                """
                CREATE TRIGGER \(trigger) BEFORE UPDATE ON \(table)
                BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END
                """
            )
        }
        try tx.query("DROP TABLE scope_seq_map")
    }
}
