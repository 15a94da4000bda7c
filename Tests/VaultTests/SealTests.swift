import Foundation
import Testing
import Vault

@Suite("CredentialVault seal and open for keys at rest")
struct SealTests {
    private let pem = Data("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMG\n-----END PRIVATE KEY-----\n".utf8)

    @Test("opens with the same label and scope")
    func roundTrip() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        let platform = try fixture.vault.seal(pem, label: "identity.key.1")
        let tenant = try fixture.vault.seal(pem, label: "identity.key.1", scope: .tenant("acme"))
        #expect(try fixture.vault.open(platform, label: "identity.key.1") == pem)
        #expect(try fixture.vault.open(tenant, label: "identity.key.1", scope: .tenant("acme")) == pem)
        #expect(platform.range(of: pem) == nil)
    }

    @Test("refuses another label, another scope, or altered bytes")
    func refusals() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        let blob = try fixture.vault.seal(pem, label: "identity.key.1", scope: .tenant("acme"))
        _ = try fixture.vault.seal(pem, label: "x", scope: .tenant("globex"))

        #expect(throws: VaultError.decryptFailed) {
            try fixture.vault.open(blob, label: "identity.key.2", scope: .tenant("acme"))
        }
        #expect(throws: VaultError.decryptFailed) {
            try fixture.vault.open(blob, label: "identity.key.1", scope: .tenant("globex"))
        }
        for index in [10, -1, -20] {
            #expect(throws: VaultError.decryptFailed) {
                try fixture.vault.open(blob.flippingByte(at: index), label: "identity.key.1", scope: .tenant("acme"))
            }
        }
        #expect(throws: VaultError.corrupted) {
            try fixture.vault.open(Data("short".utf8), label: "identity.key.1", scope: .tenant("acme"))
        }
    }

    @Test("blobs from before a rotation open until the retired key is purged")
    func sealedAcrossRotation() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        let blob = try fixture.vault.seal(pem, label: "k", scope: .tenant("acme"))
        try fixture.vault.rotateDataKey(tenant: "acme")
        #expect(try fixture.vault.open(blob, label: "k", scope: .tenant("acme")) == pem)
        try fixture.vault.purgeRetiredDataKeys(scope: .tenant("acme"))
        #expect(throws: VaultError.dataKeyMissing) { try fixture.vault.open(blob, label: "k", scope: .tenant("acme")) }
    }
}
