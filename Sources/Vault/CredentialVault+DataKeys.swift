import AgentryCore
import Foundation
import Storage

extension CredentialVault {
    /// Makes a new data key for `tenant`, re-encrypts all of the tenant's credentials under it in one transaction,
    /// and marks earlier versions retired.
    ///
    /// Retired keys stay stored only so blobs from ``seal(_:label:scope:)`` held elsewhere can still be opened;
    /// ``purgeRetiredDataKeys(scope:)`` deletes them once those are resealed.
    /// - Returns: the new data key version.
    @discardableResult
    public func rotateDataKey(tenant: String) throws -> Int {
        let tenant = try Self.validTenant(tenant)
        let version = try database.transaction { tx in
            let version = try createDataKey(owner: tenant, tx)
            let fresh = try dataKey(owner: tenant, version: version, tx)
            let rows = try tx.query(
                "SELECT name, kind, ciphertext, nonce, key_version FROM vault_credentials WHERE tenant_id = ?",
                [.text(tenant)]
            )
            for row in rows {
                guard let name = row.string("name") else { throw VaultError.corrupted }
                let credential = try openCredential(row, tenant: tenant, name: name, tx)
                var plaintext = try JSONEncoder().encode(credential)
                defer { plaintext.wipe() }
                let aad = AssociatedData.credential(
                    tenant: tenant,
                    name: name,
                    kind: credential.kind,
                    keyVersion: version
                )
                let box = try AESGCM.seal(plaintext, key: fresh, aad: aad)
                try tx.query(
                    """
                    UPDATE vault_credentials SET ciphertext = ?, nonce = ?, key_version = ?, updated_at = ?
                    WHERE tenant_id = ? AND name = ?
                    """,
                    [
                        .blob(box.sealed), .blob(box.nonce), .int(version), .real(clock().timeIntervalSince1970),
                        .text(tenant), .text(name),
                    ]
                )
            }
            return version
        }
        logger.info("tenant data key rotated", [LogKey.tenant: tenant])
        return version
    }

    /// Deletes retired data keys of `scope` that no stored credential uses any more.
    /// Sealed blobs made with those versions can no longer be opened afterwards.
    /// - Returns: how many data keys were deleted.
    @discardableResult
    public func purgeRetiredDataKeys(scope: VaultScope) throws -> Int {
        let owner = try scope.owner()
        return try database.transaction { tx in
            try tx.query(
                """
                DELETE FROM vault_data_keys WHERE owner = ? AND retired_at IS NOT NULL AND version NOT IN
                    (SELECT key_version FROM vault_credentials WHERE tenant_id = ?)
                """,
                [.text(owner), .text(owner)]
            )
            return tx.changes()
        }
    }

    /// Re-wraps every data key with `newMaster` in one transaction, then makes it the current master key.
    ///
    /// Each data key must open with a configured master key (current or previous). Afterwards the earlier keys
    /// are kept as previous ones in memory but no stored row needs them.
    /// - Returns: how many data keys were re-wrapped.
    @discardableResult
    public func rewrapAll(to newMaster: MasterKey) throws -> Int {
        let count = try database.transaction { tx in
            let rows = try tx.query("SELECT owner, version FROM vault_data_keys")
            for row in rows {
                guard let owner = row.string("owner"), let version = row.int("version") else {
                    throw VaultError.corrupted
                }
                let key = try dataKey(owner: owner, version: version, tx)
                let wrapped = try key.withBytes { bytes in
                    try AESGCM.seal(
                        Data(bytes),
                        key: newMaster.material,
                        aad: AssociatedData.dataKey(tenant: owner, version: version, masterKeyID: newMaster.id)
                    )
                }
                try tx.query(
                    """
                    UPDATE vault_data_keys SET wrapped = ?, nonce = ?, master_key_id = ?
                    WHERE owner = ? AND version = ?
                    """,
                    [.blob(wrapped.sealed), .blob(wrapped.nonce), .text(newMaster.id), .text(owner), .int(version)]
                )
            }
            return rows.count
        }
        masterKeys.withLock { ring in
            ring = MasterKeyRing(current: newMaster, previous: [ring.current] + ring.previous)
        }
        logger.info("vault data keys rewrapped")
        return count
    }

    /// The newest unretired data key of `owner`, created on first use.
    func currentDataKey(owner: String, _ tx: SQLiteDatabase.Transaction) throws -> (Int, SecretBytes) {
        let rows = try tx.query(
            "SELECT MAX(version) AS version FROM vault_data_keys WHERE owner = ? AND retired_at IS NULL",
            [.text(owner)]
        )
        let version = try rows.first?.int("version") ?? createDataKey(owner: owner, tx)
        return (version, try dataKey(owner: owner, version: version, tx))
    }

    /// Generates, wraps and stores the next data key version of `owner`, retiring the earlier ones.
    func createDataKey(owner: String, _ tx: SQLiteDatabase.Transaction) throws -> Int {
        let rows = try tx.query("SELECT MAX(version) AS version FROM vault_data_keys WHERE owner = ?", [.text(owner)])
        let version = (rows.first?.int("version") ?? 0) + 1
        let master = masterKeys.withLock { $0.current }
        var material = try AESGCM.randomBytes(AESGCM.keySize)
        defer { material.wipe() }
        let aad = AssociatedData.dataKey(tenant: owner, version: version, masterKeyID: master.id)
        let wrapped = try AESGCM.seal(material, key: master.material, aad: aad)
        let now = clock().timeIntervalSince1970
        try tx.query(
            "UPDATE vault_data_keys SET retired_at = ? WHERE owner = ? AND retired_at IS NULL",
            [.real(now), .text(owner)]
        )
        try tx.query(
            """
            INSERT INTO vault_data_keys (owner, version, wrapped, nonce, master_key_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [.text(owner), .int(version), .blob(wrapped.sealed), .blob(wrapped.nonce), .text(master.id), .real(now)]
        )
        return version
    }

    /// Unwraps data key `version` of `owner` with whichever configured master key wrapped it.
    func dataKey(owner: String, version: Int, _ tx: SQLiteDatabase.Transaction) throws -> SecretBytes {
        let rows = try tx.query(
            "SELECT wrapped, nonce, master_key_id FROM vault_data_keys WHERE owner = ? AND version = ?",
            [.text(owner), .int(version)]
        )
        guard let row = rows.first else { throw VaultError.dataKeyMissing }
        guard let wrapped = row.data("wrapped"), let nonce = row.data("nonce"),
            let masterID = row.string("master_key_id")
        else { throw VaultError.corrupted }
        guard let master = masterKeys.withLock({ $0.key(id: masterID) }) else { throw VaultError.masterKeyUnknown }
        let aad = AssociatedData.dataKey(tenant: owner, version: version, masterKeyID: masterID)
        var material = try AESGCM.open(wrapped, nonce: nonce, key: master.material, aad: aad)
        defer { material.wipe() }
        return SecretBytes(material)
    }
}
