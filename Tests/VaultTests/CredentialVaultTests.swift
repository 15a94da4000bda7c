import AgentryCore
import Foundation
import Storage
import Synchronization
import Testing
import Vault

@Suite("CredentialVault stores credentials encrypted per tenant")
struct CredentialVaultTests {
    private let oauth = OAuth2ClientCredential(
        clientID: "client-7731",
        clientSecret: "oauth-secret-QX81-never-in-file",
        tokenEndpoint: "https://idp.example/token",
        scopes: ["read", "write"]
    )

    @Test("returns what was stored, for API keys and OAuth clients")
    func roundTrip() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "openai", credential: .apiKey("sk-live-ABC123"))
        try fixture.vault.put(tenant: "acme", name: "github", credential: .oauth2Client(oauth))

        #expect(try fixture.vault.reveal(tenant: "acme", name: "openai") == .apiKey("sk-live-ABC123"))
        #expect(try fixture.vault.reveal(tenant: "acme", name: "github") == .oauth2Client(oauth))
    }

    @Test("replacing a credential keeps its creation time and updates its value")
    func replace() throws {
        let clock = TestClock()
        let master = try MasterKey.generate()
        let vault = try CredentialVault(path: ":memory:", masterKeys: MasterKeyRing(current: master), clock: clock.now)
        try vault.put(tenant: "acme", name: "openai", credential: .apiKey("one"))
        clock.advance(100)
        try vault.put(tenant: "acme", name: "openai", credential: .apiKey("two"))

        #expect(try vault.reveal(tenant: "acme", name: "openai") == .apiKey("two"))
        let metadata = try #require(try vault.list(tenant: "acme").first)
        #expect(metadata.updatedAt.timeIntervalSince(metadata.createdAt) == 100)
    }

    @Test("list returns metadata only and never secret bytes")
    func listHasNoSecrets() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "openai", credential: .apiKey("sk-live-LISTCHECK"))
        try fixture.vault.put(tenant: "acme", name: "github", credential: .oauth2Client(oauth))

        let listed = try fixture.vault.list(tenant: "acme")
        #expect(listed.map(\.name) == ["github", "openai"])
        #expect(listed.map(\.kind) == [.oauth2Client, .apiKey])
        #expect(listed.allSatisfy { $0.keyVersion == 1 })
        let encoded = String(decoding: try JSONEncoder().encode(listed), as: UTF8.self) + "\(listed)"
        for secret in ["sk-live-LISTCHECK", oauth.clientSecret, oauth.clientID] {
            #expect(!encoded.contains(secret))
        }
    }

    @Test("printing or dumping a credential shows no secret")
    func credentialIsRedacted() {
        let credential = Credential.oauth2Client(oauth)
        var dumped = ""
        dump(credential, to: &dumped)
        let shown = "\(credential) \(String(reflecting: credential)) \(dumped)"
        #expect(!shown.contains(oauth.clientSecret))
        #expect(!shown.contains("sk-"))
    }

    @Test("the SQLite file never contains the plaintext")
    func fileHasNoPlaintext() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        let apiKey = "sk-live-FILESCAN-9f8e7d6c"
        try fixture.vault.put(tenant: "acme", name: "openai", credential: .apiKey(apiKey))
        try fixture.vault.put(tenant: "acme", name: "github", credential: .oauth2Client(oauth))
        try fixture.vault.rotateDataKey(tenant: "acme")

        let bytes = fixture.fileBytes()
        // Positive control: metadata stored in clear is found, so the scan does see the rows.
        #expect(bytes.range(of: Data("openai".utf8)) != nil)
        for secret in [apiKey, oauth.clientSecret, oauth.clientID, "clientSecret"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "plaintext found in the vault file")
        }
    }

    @Test("a tenant cannot read, list or delete another tenant's credential")
    func tenantIsolation() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "openai", credential: .apiKey("acme-key"))

        #expect(throws: VaultError.notFound) { try fixture.vault.reveal(tenant: "globex", name: "openai") }
        #expect(throws: VaultError.notFound) { try fixture.vault.delete(tenant: "globex", name: "openai") }
        #expect(try fixture.vault.list(tenant: "globex").isEmpty)
        #expect(try fixture.vault.reveal(tenant: "acme", name: "openai") == .apiKey("acme-key"))
    }

    @Test("errors never name the credential that was asked for")
    func errorsCarryNoNames() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        do {
            _ = try fixture.vault.reveal(tenant: "acme", name: "secret-provider-name")
            Issue.record("reveal of a missing credential succeeded")
        } catch let error as VaultError {
            #expect(error.code == "vault.not_found")
            #expect(!error.description.contains("secret-provider-name"))
        }
    }

    @Test("delete removes the credential")
    func delete() throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        try fixture.vault.put(tenant: "acme", name: "openai", credential: .apiKey("k"))
        try fixture.vault.delete(tenant: "acme", name: "openai")
        #expect(throws: VaultError.notFound) { try fixture.vault.reveal(tenant: "acme", name: "openai") }
        #expect(throws: VaultError.notFound) { try fixture.vault.delete(tenant: "acme", name: "openai") }
    }

    @Test("empty and reserved tenant ids are refused", arguments: ["", "@platform", "@other"])
    func invalidTenant(tenant: String) throws {
        let fixture = try VaultFixture()
        defer { fixture.remove() }
        #expect(throws: VaultError.self) { try fixture.vault.put(tenant: tenant, name: "x", credential: .apiKey("k")) }
    }
}

/// A settable clock for timestamps.
final class TestClock: Sendable {
    private let seconds = Mutex<TimeInterval>(1_800_000_000)

    var now: @Sendable () -> Date {
        { Date(timeIntervalSince1970: self.seconds.withLock { $0 }) }
    }

    func advance(_ delta: TimeInterval) {
        seconds.withLock { $0 += delta }
    }
}
