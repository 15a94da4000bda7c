import Foundation
import Storage

/// The append-only usage ledger: what each tenant used, when, for chargeback and reports.
///
/// Lives in its own SQLite file (the caller gives the path). Rows are only ever inserted; SQLite triggers refuse
/// updates and deletes. Callers record quantities they have counted themselves: a model call whose provider sent
/// no usage figures must still be recorded with tokens the caller counted (or estimated), never a silent zero.
public final class UsageLedger: Sendable {
    private let database: SQLiteDatabase

    /// The ledger's schema steps, numbered by position.
    static let migrations = [
        """
        CREATE TABLE usage_ledger (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant_id TEXT NOT NULL CHECK (length(trim(tenant_id)) > 0),
            at_ms INTEGER NOT NULL,
            kind TEXT NOT NULL,
            quantity REAL NOT NULL CHECK (quantity >= 0),
            session_id TEXT,
            request_id TEXT,
            detail TEXT,
            latency_ms REAL,
            error INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX usage_ledger_at ON usage_ledger (at_ms);
        CREATE INDEX usage_ledger_tenant_at ON usage_ledger (tenant_id, at_ms)
        """
    ]

    /// Append-only guards; triggers contain `;`, so they run one statement at a time rather than as a migration.
    private static let guards = [
        """
        CREATE TRIGGER IF NOT EXISTS usage_ledger_no_update BEFORE UPDATE ON usage_ledger
        BEGIN SELECT RAISE(ABORT, 'usage ledger is append-only'); END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS usage_ledger_no_delete BEFORE DELETE ON usage_ledger
        BEGIN SELECT RAISE(ABORT, 'usage ledger is append-only'); END
        """,
    ]

    /// Opens (creating if needed) the ledger at `path` (`:memory:` for a private in-memory ledger).
    ///
    /// - Throws: ``StorageError`` when the file cannot be opened or migrated.
    public init(path: String) throws {
        database = try SQLiteDatabase(path: path, migrations: Self.migrations)
        for statement in Self.guards { try database.execute(statement) }
    }

    /// Appends one entry.
    ///
    /// - Throws: ``TelemetryError`` `telemetry.missing_tenant` or `telemetry.invalid_usage` when the entry breaks
    ///   the rules of ``UsageEntry/validate()``; ``StorageError`` when the write fails.
    public func record(_ entry: UsageEntry) throws {
        try record([entry])
    }

    /// Appends several entries in one transaction: all are written or none.
    public func record(_ entries: [UsageEntry]) throws {
        for entry in entries { try entry.validate() }
        try database.transaction { tx in
            for entry in entries {
                try tx.query(
                    """
                    INSERT INTO usage_ledger
                        (tenant_id, at_ms, kind, quantity, session_id, request_id, detail, latency_ms, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    Self.parameters(entry)
                )
            }
        }
    }

    /// Appends one counted quantity of `kind` for `tenantID` (invocations go through `recordInvocation`).
    public func record(
        tenantID: String,
        kind: UsageKind,
        quantity: Double,
        at: Date = Date(),
        sessionID: String? = nil,
        requestID: String? = nil,
        detail: String? = nil
    ) throws {
        try record(
            UsageEntry(
                tenantID: tenantID,
                kind: kind,
                quantity: quantity,
                at: at,
                sessionID: sessionID,
                requestID: requestID,
                detail: detail
            )
        )
    }

    /// Appends one invocation with its latency in milliseconds and whether it failed.
    public func recordInvocation(
        tenantID: String,
        latencyMS: Double,
        isError: Bool = false,
        at: Date = Date(),
        sessionID: String? = nil,
        requestID: String? = nil,
        detail: String? = nil
    ) throws {
        try record(
            .invocation(
                tenantID: tenantID,
                latencyMS: latencyMS,
                isError: isError,
                at: at,
                sessionID: sessionID,
                requestID: requestID,
                detail: detail
            )
        )
    }

    /// The entries in `[since, until)`, oldest first, optionally for one tenant (for audits and exports).
    public func entries(since: Date? = nil, until: Date? = nil, tenantID: String? = nil) throws -> [UsageEntry] {
        var (clause, parameters) = Self.window(since: since, until: until)
        if let tenantID {
            clause += " AND tenant_id = ?"
            parameters.append(.text(tenantID))
        }
        let rows = try database.query(
            "SELECT * FROM usage_ledger WHERE \(clause) ORDER BY at_ms, id",
            parameters
        )
        return rows.compactMap(Self.entry(from:))
    }

    /// Usage per tenant in `[since, until)`, with exact totals and optional costs.
    ///
    /// - Parameters:
    ///   - since: start of the window (inclusive); nil for the beginning of the ledger.
    ///   - until: end of the window (exclusive); nil for no end.
    ///   - prices: when given, each tenant's `cost` is priced from its own quantities and the total cost is the
    ///     sum of the tenant costs.
    /// - Returns: one line per tenant with usage in the window, sorted by tenant id, and the totals.
    /// - Throws: ``StorageError`` when the ledger cannot be read.
    public func report(since: Date? = nil, until: Date? = nil, prices: PriceSheet? = nil) throws -> UsageReport {
        let (clause, parameters) = Self.window(since: since, until: until)

        // One pass for the sums, one for the latencies the percentiles need.
        let sums = try database.query(
            """
            SELECT tenant_id, kind, SUM(quantity) AS quantity, SUM(error) AS errors
            FROM usage_ledger WHERE \(clause) GROUP BY tenant_id, kind
            """,
            parameters
        )
        let latencies = try database.query(
            "SELECT tenant_id, latency_ms FROM usage_ledger WHERE \(clause) AND kind = 'invocations'",
            parameters
        )
        return UsageReportBuilder(prices: prices).build(sums: sums, latencies: latencies, since: since, until: until)
    }

    private static func window(since: Date?, until: Date?) -> (String, [SQLValue]) {
        var clause = "1 = 1"
        var parameters: [SQLValue] = []
        if let since {
            clause += " AND at_ms >= ?"
            parameters.append(.integer(milliseconds(since)))
        }
        if let until {
            clause += " AND at_ms < ?"
            parameters.append(.integer(milliseconds(until)))
        }
        return (clause, parameters)
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    private static func parameters(_ entry: UsageEntry) -> [SQLValue] {
        [
            .text(entry.tenantID), .integer(milliseconds(entry.at)), .text(entry.kind.rawValue),
            .real(entry.quantity), .optionalText(entry.sessionID), .optionalText(entry.requestID),
            .optionalText(entry.detail), entry.latencyMS.map { .real($0) } ?? .null, .int(entry.isError ? 1 : 0),
        ]
    }

    private static func entry(from row: SQLRow) -> UsageEntry? {
        guard let tenant = row.string("tenant_id"), let kind = row.string("kind").flatMap(UsageKind.init(rawValue:)),
            let quantity = row.double("quantity"), let at = row.int("at_ms")
        else { return nil }
        return UsageEntry(
            tenantID: tenant,
            kind: kind,
            quantity: quantity,
            at: Date(timeIntervalSince1970: Double(at) / 1000),
            sessionID: row.string("session_id"),
            requestID: row.string("request_id"),
            detail: row.string("detail"),
            latencyMS: row.double("latency_ms"),
            isError: row.int("error") == 1
        )
    }
}
