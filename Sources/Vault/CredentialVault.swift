import AgentryCore
import Foundation
import Storage
import Synchronization

/// Outbound API keys and OAuth client secrets, stored encrypted with envelope encryption.
///
/// Each tenant has versioned AES-256-GCM data keys, each wrapped by the master key. A credential's ciphertext is
/// bound by its associated data to (tenant, name, kind, key version), so a row copied to another name or tenant
/// fails to open. No read API except ``reveal(tenant:name:)`` returns secret material, and nothing is logged
/// beyond tenant ids and counts.
public final class CredentialVault: Sendable {
    /// The database holding data keys and credentials; its own file, opened with ``VaultSchema/migrations``.
    public let database: SQLiteDatabase
    let masterKeys: Mutex<MasterKeyRing>
    let clock: @Sendable () -> Date
    let logger = Logger(label: "agentry.vault")

    /// Opens (creating if needed) the vault database at `path` (`:memory:` for tests).
    /// - Parameters:
    ///   - path: SQLite file for the vault alone.
    ///   - masterKeys: the current master key and any previous ones still wrapping data keys.
    ///   - clock: time source for timestamps (default: the system clock).
    /// - Throws: `storage.*` errors when the file cannot be opened or migrated.
    public init(
        path: String,
        masterKeys: MasterKeyRing,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.database = try SQLiteDatabase(path: path, migrations: VaultSchema.migrations)
        self.masterKeys = Mutex(masterKeys)
        self.clock = clock
    }

    /// The id of the master key new data keys are wrapped with.
    public var currentMasterKeyID: String { masterKeys.withLock { $0.current.id } }

    /// Stores `credential` under `name` for `tenant`, replacing any earlier one (its creation time is kept).
    /// - Throws: `vault.invalid_argument` for an empty or reserved tenant or name, `vault.*` crypto errors.
    public func put(tenant: String, name: String, credential: Credential) throws {
        let tenant = try Self.validTenant(tenant)
        let name = try Self.validName(name)
        var plaintext = try JSONEncoder().encode(credential)
        defer { plaintext.wipe() }
        let now = clock().timeIntervalSince1970

        try database.transaction { tx in
            let key = try currentDataKey(owner: tenant, tx)
            let aad = AssociatedData.credential(tenant: tenant, name: name, kind: credential.kind, keyVersion: key.0)
            let box = try AESGCM.seal(plaintext, key: key.1, aad: aad)
            try tx.query(
                """
                INSERT INTO vault_credentials
                    (tenant_id, name, kind, ciphertext, nonce, key_version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, name) DO UPDATE SET kind = excluded.kind, ciphertext = excluded.ciphertext,
                    nonce = excluded.nonce, key_version = excluded.key_version, updated_at = excluded.updated_at
                """,
                [
                    .text(tenant), .text(name), .text(credential.kind.rawValue), .blob(box.sealed), .blob(box.nonce),
                    .int(key.0), .real(now), .real(now),
                ]
            )
        }
        logger.debug("credential stored", [LogKey.tenant: tenant])
    }

    /// Deletes the credential `name` of `tenant`.
    /// - Throws: `vault.not_found` when the tenant has no such credential.
    public func delete(tenant: String, name: String) throws {
        let tenant = try Self.validTenant(tenant)
        let name = try Self.validName(name)
        let removed = try database.transaction { tx in
            try tx.query(
                "DELETE FROM vault_credentials WHERE tenant_id = ? AND name = ?",
                [.text(tenant), .text(name)]
            )
            return tx.changes()
        }
        guard removed > 0 else { throw VaultError.notFound }
        logger.debug("credential deleted", [LogKey.tenant: tenant])
    }

    /// Metadata of every credential `tenant` owns, ordered by name. Never includes secret material.
    public func list(tenant: String) throws -> [CredentialMetadata] {
        let tenant = try Self.validTenant(tenant)
        let rows = try database.query(
            """
            SELECT name, kind, created_at, updated_at, key_version FROM vault_credentials
            WHERE tenant_id = ? ORDER BY name
            """,
            [.text(tenant)]
        )
        return try rows.map { row in
            guard let name = row.string("name"), let kind = row.string("kind").flatMap(CredentialKind.init),
                let created = row.double("created_at"), let updated = row.double("updated_at"),
                let version = row.int("key_version")
            else { throw VaultError.corrupted }
            return CredentialMetadata(
                name: name,
                kind: kind,
                createdAt: Date(timeIntervalSince1970: created),
                updatedAt: Date(timeIntervalSince1970: updated),
                keyVersion: version
            )
        }
    }

    /// Decrypts and returns the credential `name` of `tenant`.
    ///
    /// This is the only API that returns secret material. Call it only from the token-serving path
    /// (GetResourceApiKey / GetResourceOauth2Token), and only after the caller's workload token was verified and
    /// its tenant equals `tenant`: the vault cannot tell who is asking.
    /// - Throws: `vault.not_found`, `vault.decrypt_failed` (tampered or moved row), `vault.master_key_unknown`.
    public func reveal(tenant: String, name: String) throws -> Credential {
        let tenant = try Self.validTenant(tenant)
        let name = try Self.validName(name)
        return try database.transaction { tx in
            let rows = try tx.query(
                "SELECT kind, ciphertext, nonce, key_version FROM vault_credentials WHERE tenant_id = ? AND name = ?",
                [.text(tenant), .text(name)]
            )
            guard let row = rows.first else { throw VaultError.notFound }
            return try openCredential(row, tenant: tenant, name: name, tx)
        }
    }

    /// Decrypts one credential row with the data key version it names.
    func openCredential(
        _ row: SQLRow,
        tenant: String,
        name: String,
        _ tx: SQLiteDatabase.Transaction
    ) throws
        -> Credential
    {
        guard let kind = row.string("kind").flatMap(CredentialKind.init), let sealed = row.data("ciphertext"),
            let nonce = row.data("nonce"), let version = row.int("key_version")
        else { throw VaultError.corrupted }
        let key = try dataKey(owner: tenant, version: version, tx)
        let aad = AssociatedData.credential(tenant: tenant, name: name, kind: kind, keyVersion: version)
        var plaintext = try AESGCM.open(sealed, nonce: nonce, key: key, aad: aad)
        defer { plaintext.wipe() }
        guard let credential = try? JSONDecoder().decode(Credential.self, from: plaintext), credential.kind == kind
        else { throw VaultError.corrupted }
        return credential
    }

    /// Checks a tenant id: non-empty, at most 256 bytes, no control characters, not starting with `@` (reserved).
    static func validTenant(_ tenant: String) throws -> String {
        guard Self.isPlainIdentifier(tenant), !tenant.hasPrefix("@") else {
            throw VaultError.invalidArgument("tenant id is empty, too long or reserved")
        }
        return tenant
    }

    /// Checks a credential name: non-empty, at most 256 bytes, no control characters.
    static func validName(_ name: String) throws -> String {
        guard Self.isPlainIdentifier(name) else { throw VaultError.invalidArgument("credential name is invalid") }
        return name
    }

    private static func isPlainIdentifier(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 256 else { return false }
        return !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
