import Foundation
import Storage
import Testing
import Vault

@Suite("CredentialVault key rotation")
struct RotationTests {
    @Test("rotating a tenant's data key re-encrypts its credentials and the old version can be purged")
    func rotateDataKey() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "a", credential: .apiKey("key-a"))
        try fixture.vault.put(tenant: "acme", name: "b", credential: .apiKey("key-b"))
        try fixture.vault.put(tenant: "globex", name: "a", credential: .apiKey("globex-a"))
        let raw = try fixture.rawDatabase()
        let before = try raw.query("SELECT ciphertext FROM vault_credentials WHERE tenant_id = 'acme' ORDER BY name")

        let version = try fixture.vault.rotateDataKey(tenant: "acme")

        #expect(version == 2)
        #expect(try fixture.vault.list(tenant: "acme").map(\.keyVersion) == [2, 2])
        #expect(try fixture.vault.list(tenant: "globex").map(\.keyVersion) == [1])
        let after = try raw.query("SELECT ciphertext FROM vault_credentials WHERE tenant_id = 'acme' ORDER BY name")
        #expect(zip(before, after).allSatisfy { $0.data("ciphertext") != $1.data("ciphertext") })

        #expect(try fixture.vault.purgeRetiredDataKeys(scope: .tenant("acme")) == 1)
        let versions = try raw.query("SELECT version FROM vault_data_keys WHERE owner = 'acme'").compactMap {
            $0.int("version")
        }
        #expect(versions == [2])
        #expect(try fixture.vault.reveal(tenant: "acme", name: "a") == .apiKey("key-a"))
        #expect(try fixture.vault.reveal(tenant: "acme", name: "b") == .apiKey("key-b"))
        #expect(try fixture.vault.reveal(tenant: "globex", name: "a") == .apiKey("globex-a"))
    }

    @Test("new credentials after a rotation use the new version")
    func putAfterRotation() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.rotateDataKey(tenant: "acme")
        try fixture.vault.rotateDataKey(tenant: "acme")
        try fixture.vault.put(tenant: "acme", name: "a", credential: .apiKey("k"))
        #expect(try fixture.vault.list(tenant: "acme").first?.keyVersion == 2)
    }

    @Test("rewrapping under a new master key leaves the old master key unneeded")
    func rewrapAll() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "a", credential: .apiKey("key-a"))
        let sealed = try fixture.vault.seal(Data("signing key pem".utf8), label: "identity.key.1")
        let newMaster = try MasterKey.generate()

        #expect(try fixture.vault.rewrapAll(to: newMaster) == 2)
        #expect(fixture.vault.currentMasterKeyID == newMaster.id)

        let onlyNew = try CredentialVault(path: fixture.path, masterKeys: MasterKeyRing(current: newMaster))
        #expect(try onlyNew.reveal(tenant: "acme", name: "a") == .apiKey("key-a"))
        #expect(try onlyNew.open(sealed, label: "identity.key.1") == Data("signing key pem".utf8))
        let onlyOld = try CredentialVault(path: fixture.path, masterKeys: MasterKeyRing(current: fixture.master))
        #expect(throws: VaultError.masterKeyUnknown) { try onlyOld.reveal(tenant: "acme", name: "a") }
    }

    @Test("a vault started with the new master key and the old one as previous can rewrap")
    func rewrapFromPreviousKey() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "a", credential: .apiKey("key-a"))
        let newMaster = try MasterKey.generate()
        let restarted = try CredentialVault(
            path: fixture.path,
            masterKeys: MasterKeyRing(current: newMaster, previous: [fixture.master])
        )
        #expect(try restarted.reveal(tenant: "acme", name: "a") == .apiKey("key-a"))
        try restarted.rewrapAll(to: newMaster)
        let raw = try fixture.rawDatabase()
        let ids = try raw.query("SELECT DISTINCT master_key_id FROM vault_data_keys").compactMap {
            $0.string("master_key_id")
        }
        #expect(ids == [newMaster.id])
    }
}
