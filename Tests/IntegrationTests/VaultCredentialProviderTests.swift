import AgentryCore
import Foundation
import HTTP
import Testing
import Vault

@testable import AgentryServer

@Suite("Credential vault in the server")
struct VaultCredentialProviderTests {
    private func client() async throws -> CredentialClient {
        CredentialClient(running: try await CredentialHarness.shared.start())
    }

    @Test("providers round-trip through the admin API; reads show metadata only; rotation keeps them readable")
    func roundTrip() async throws {
        let client = try await client()
        let secret = "sk-round-" + UUID().uuidString
        let put = try await client.put("round-api", ["apiKey": .string(secret)])
        #expect(put.status == 200)
        #expect(try put.jsonBody()["kind"] == "ApiKey")

        let admin = Caller(endpoint: client.running.server.endpoint, token: try client.adminToken())
        let list = try await admin.send("GET", "/identities/credential-providers")
        #expect(list.status == 200)
        let names = try list.jsonBody()["credentialProviders"].arrayValue?.compactMap { $0["name"].stringValue } ?? []
        #expect(names.contains("round-api"))
        #expect(!String(decoding: list.body, as: UTF8.self).contains(secret))

        // Another tenant's admin sees none of acme's providers and cannot delete them.
        let globex = Caller(endpoint: client.running.server.endpoint, token: try client.adminToken(tenant: "globex"))
        let theirs = try await globex.send("GET", "/identities/credential-providers")
        #expect(!String(decoding: theirs.body, as: UTF8.self).contains("round-api"))
        #expect(try await globex.send("DELETE", "/identities/credential-providers/round-api").status == 404)

        let rotated = try await admin.send("POST", "/identities/credential-providers/rotate-key")
        #expect(rotated.status == 200)
        #expect((try rotated.jsonBody()["keyVersion"].intValue ?? 0) >= 2)
        #expect(try client.platform.vault.reveal(tenant: "acme", name: "round-api") == .apiKey(secret))

        #expect(try await admin.send("DELETE", "/identities/credential-providers/round-api").status == 204)
        #expect(try await admin.send("DELETE", "/identities/credential-providers/round-api").status == 404)
    }

    @Test("the admin API needs an end user with credentials:admin")
    func adminOnly() async throws {
        let client = try await client()
        let endpoint = client.running.server.endpoint
        let plain = Caller(endpoint: endpoint, token: try client.adminToken(scopes: ["docs:read"]))
        #expect(try await plain.send("GET", "/identities/credential-providers").status == 403)
        let workload = Caller(endpoint: endpoint, token: try await client.workloadToken())
        #expect(try await workload.send("GET", "/identities/credential-providers").status == 403)
        #expect(
            try await Caller(endpoint: endpoint, token: nil).send("GET", "/identities/credential-providers").status
                == 401
        )
        let bad = try await client.put("bad-body", ["apiKey": "x", "oauth2": [:]])
        #expect(bad.status == 400)
    }

    @Test("the vault file and the key-ring files hold no plaintext secret")
    func noPlaintextAtRest() async throws {
        let client = try await client()
        let secret = "sk-disk-" + UUID().uuidString
        #expect(try await client.put("disk-api", ["apiKey": .string(secret)]).status == 200)
        let data = client.running.dataDirectory
        for suffix in ["", "-wal"] {
            let bytes = FileManager.default.contents(atPath: data + "/vault.sqlite" + suffix) ?? Data()
            #expect(bytes.range(of: Data(secret.utf8)) == nil)
        }
        let ring = data + "/keys/platform"
        let files = try FileManager.default.contentsOfDirectory(atPath: ring)
        #expect(files.contains { $0.hasSuffix(".sealed") })
        for file in files {
            let bytes = FileManager.default.contents(atPath: ring + "/" + file) ?? Data()
            #expect(bytes.range(of: Data("PRIVATE KEY".utf8)) == nil)
        }
    }

    @Test("without a configured master key a 0600 key file is generated once and reused")
    func generatedMasterKey() throws {
        let directory = URL(fileURLWithPath: TestPaths.temporaryDirectory("master-key"))
        let first = try VaultBootstrap.open(dataDirectory: directory, environment: [:])
        try first.put(tenant: "acme", name: "k", credential: .apiKey("value"))
        let path = directory.appendingPathComponent(VaultBootstrap.generatedKeyFile).path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let again = try VaultBootstrap.open(dataDirectory: directory, environment: [:])
        #expect(try again.reveal(tenant: "acme", name: "k") == .apiKey("value"))

        let configured = URL(fileURLWithPath: TestPaths.temporaryDirectory("master-key-env"))
        let key = String(repeating: "ab", count: 32)
        _ = try VaultBootstrap.open(dataDirectory: configured, environment: ["AGENTRY_MASTER_KEY": key])
        #expect(!FileManager.default.fileExists(atPath: configured.appendingPathComponent("master.key").path))
        #expect(throws: VaultError.self) {
            _ = try VaultBootstrap.open(dataDirectory: configured, environment: ["AGENTRY_MASTER_KEY": "short"])
        }
    }
}
