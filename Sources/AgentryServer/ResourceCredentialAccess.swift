import AgentryCore
import Foundation
import Storage

/// Which of a tenant's workloads may obtain each credential provider's secret (`allowedWorkloads`).
///
/// Kept beside the sealed credentials in the vault's database (table `credential_provider_workloads`); a provider
/// without a row is open to every workload of its tenant. Rows hold agent ids only, never a secret.
struct ResourceCredentialAccess {
    private let database: SQLiteDatabase

    /// The table, created when first needed.
    static let schema = """
        CREATE TABLE IF NOT EXISTS credential_provider_workloads (tenant_id TEXT NOT NULL, name TEXT NOT NULL,
        workloads TEXT NOT NULL, PRIMARY KEY (tenant_id, name))
        """

    /// Opens the table in `database`, creating it if needed.
    init(database: SQLiteDatabase) throws {
        self.database = database
        try database.execute(Self.schema, [])
    }

    /// Sets who may use `name`; nil opens it to every workload of `tenant`.
    func set(tenant: String, name: String, workloads: [String]?) throws {
        guard let workloads else { return try remove(tenant: tenant, name: name) }
        try database.execute(
            "INSERT OR REPLACE INTO credential_provider_workloads VALUES (?, ?, ?)",
            [.text(tenant), .text(name), .text(workloads.joined(separator: " "))]
        )
    }

    /// The agent ids allowed to use `name`; nil when every workload may.
    func workloads(tenant: String, name: String) throws -> [String]? {
        let rows = try database.query(
            "SELECT workloads FROM credential_provider_workloads WHERE tenant_id = ? AND name = ?",
            [.text(tenant), .text(name)]
        )
        return rows.first.map { ($0.string("workloads") ?? "").split(separator: " ").map(String.init) }
    }

    /// Whether `agent` of `tenant` may obtain `name`'s secret.
    func allows(tenant: String, name: String, agent: String) throws -> Bool {
        try workloads(tenant: tenant, name: name).map { $0.contains(agent) } ?? true
    }

    /// Forgets the restriction of a deleted provider.
    func remove(tenant: String, name: String) throws {
        try database.execute(
            "DELETE FROM credential_provider_workloads WHERE tenant_id = ? AND name = ?",
            [.text(tenant), .text(name)]
        )
    }
}
