import Foundation
import Storage
import Testing
import Vault

@Suite("CredentialVault refuses altered or moved ciphertexts")
struct TamperTests {
    private func storedRow(_ database: SQLiteDatabase, tenant: String, name: String) throws -> SQLRow {
        let rows = try database.query(
            "SELECT ciphertext, nonce, key_version, kind FROM vault_credentials WHERE tenant_id = ? AND name = ?",
            [.text(tenant), .text(name)]
        )
        return try #require(rows.first)
    }

    @Test(
        "flipping one byte of ciphertext, tag or nonce makes reveal fail",
        arguments: [("ciphertext", 0), ("ciphertext", -1), ("ciphertext", -17), ("nonce", 0), ("nonce", 11)]
    )
    func flippedByte(column: String, index: Int) throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "openai", credential: .apiKey("sk-tamper"))
        let raw = try fixture.rawDatabase()
        let original = try #require(try storedRow(raw, tenant: "acme", name: "openai").data(column))

        try raw.execute(
            "UPDATE vault_credentials SET \(column) = ? WHERE tenant_id = 'acme'",
            [.blob(original.flippingByte(at: index))]
        )

        #expect(throws: VaultError.decryptFailed) { try fixture.vault.reveal(tenant: "acme", name: "openai") }
    }

    @Test("a row copied into another tenant does not open there")
    func swappedTenants() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "openai", credential: .apiKey("acme-secret"))
        try fixture.vault.put(tenant: "globex", name: "openai", credential: .apiKey("globex-secret"))
        let raw = try fixture.rawDatabase()
        let acme = try storedRow(raw, tenant: "acme", name: "openai")

        try raw.execute(
            "UPDATE vault_credentials SET ciphertext = ?, nonce = ?, key_version = ? WHERE tenant_id = 'globex'",
            [acme["ciphertext"], acme["nonce"], acme["key_version"]]
        )

        #expect(throws: VaultError.decryptFailed) { try fixture.vault.reveal(tenant: "globex", name: "openai") }
        #expect(try fixture.vault.reveal(tenant: "acme", name: "openai") == .apiKey("acme-secret"))
    }

    @Test("a row renamed within its tenant does not open under the new name")
    func renamedRow() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "openai", credential: .apiKey("k"))
        let raw = try fixture.rawDatabase()
        try raw.execute("UPDATE vault_credentials SET name = 'anthropic' WHERE tenant_id = 'acme'")
        #expect(throws: VaultError.decryptFailed) { try fixture.vault.reveal(tenant: "acme", name: "anthropic") }
    }

    @Test("changing the kind or key version recorded with a row makes it fail")
    func changedAssociatedData() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "openai", credential: .apiKey("k"))
        try fixture.vault.put(tenant: "acme", name: "other", credential: .apiKey("k2"))
        try fixture.vault.rotateDataKey(tenant: "acme")
        let raw = try fixture.rawDatabase()

        try raw.execute("UPDATE vault_credentials SET kind = 'oauth2Client' WHERE name = 'openai'")
        #expect(throws: VaultError.decryptFailed) { try fixture.vault.reveal(tenant: "acme", name: "openai") }

        // Version 1 still exists (retired), so the failure comes from the tag, not a missing key.
        try raw.execute("UPDATE vault_credentials SET key_version = 1 WHERE name = 'other'")
        #expect(throws: VaultError.decryptFailed) { try fixture.vault.reveal(tenant: "acme", name: "other") }
    }

    @Test("a vault opened with another master key cannot read the credentials")
    func wrongMasterKey() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "openai", credential: .apiKey("k"))
        let stranger = try MasterKey.generate()
        let other = try CredentialVault(path: fixture.path, masterKeys: MasterKeyRing(current: stranger))
        #expect(throws: VaultError.masterKeyUnknown) { try other.reveal(tenant: "acme", name: "openai") }

        // Relabelling the wrapped data key with the stranger's id does not help: the unwrap itself fails.
        let raw = try fixture.rawDatabase()
        try raw.execute("UPDATE vault_data_keys SET master_key_id = ?", [.text(stranger.id)])
        #expect(throws: VaultError.decryptFailed) { try other.reveal(tenant: "acme", name: "openai") }
    }

    @Test("a tampered wrapped data key makes reveal fail")
    func tamperedDataKey() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "openai", credential: .apiKey("k"))
        let raw = try fixture.rawDatabase()
        let wrapped = try #require(try raw.query("SELECT wrapped FROM vault_data_keys").first?.data("wrapped"))
        try raw.execute("UPDATE vault_data_keys SET wrapped = ?", [.blob(wrapped.flippingByte(at: 3))])
        #expect(throws: VaultError.decryptFailed) { try fixture.vault.reveal(tenant: "acme", name: "openai") }
    }
}
