import AgentryCore
import Foundation
import HTTP
import PolicyStore
import Testing

@testable import AgentryServer

/// The deployment's policy file is the platform layer: versioned and audited at each start where it changed.
@Suite("Policy admin: the platform layer follows the policy file")
struct PolicyAdminPlatformLayerTests {
    private static let platform = try? PolicyCaller.platformAdmin(actor: "test")

    private func layer(_ server: AgentryServer) throws -> (status: PolicyStatus, audit: [PolicyAuditEntry]) {
        let caller = try #require(Self.platform)
        let admin = server.platform.policyStore.administration
        return (try admin.status(for: caller), try admin.audit(LogQuery(), for: caller))
    }

    @Test("an unchanged file publishes nothing at restart; a changed file publishes a version authored by config")
    func restartPublishes() async throws {
        let deployment = try PolicyDeployment.make("policy-platform")
        let first = try await deployment.start()
        let initial = try layer(first)
        #expect(initial.status.activeVersion == 1)
        #expect(initial.audit.map(\.actor) == ["config"])
        #expect(try await PolicyClient(first, tenant: "acme").embed().status == 200)
        await first.stop()

        // Restarting on the same file changes nothing.
        let second = try await deployment.start()
        let unchanged = try layer(second)
        #expect(unchanged.status.latestVersion == 1)
        #expect(unchanged.audit.count == 1)
        await second.stop()

        // A platform forbid added to the file is version 2, by `config`, and enforced for every tenant.
        let extra = "\n@id(\"no-embeddings-anywhere\")\nforbid (principal, action == Action::\"Embed\", resource);\n"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: deployment.policyFile))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(extra.utf8))
        try handle.close()
        let third = try await deployment.start()
        let changed = try layer(third)
        #expect(changed.status.activeVersion == 2)
        #expect(changed.audit.map(\.actor) == ["config", "config"])
        #expect(changed.audit.last?.action == .publish)
        #expect(changed.audit.last?.outcome == "accepted")
        let caller = try #require(Self.platform)
        let current = try #require(try third.platform.policyStore.administration.current(for: caller))
        #expect(current.info.author == "config")
        #expect(current.info.policyIDs.contains("no-embeddings-anywhere"))
        for tenant in ["acme", "bigbank"] {
            let reply = try await PolicyClient(third, tenant: tenant).embed()
            #expect(reply.status == 403)
            #expect(reply.errorCode == "policy.denied")
        }
        await third.stop()
    }

    @Test(
        "a tenant layer written to the store by another process (as `agentry policy publish` does) is enforced within seconds"
    )
    func outsideWriteReachesRunningServer() async throws {
        let deployment = try PolicyDeployment.make("policy-outside-write")
        let server = try await deployment.start()
        let client = try PolicyClient(server, tenant: "globex")
        #expect(try await client.embed().status == 200)

        // A second connection to the same store file, like the CLI's.
        let outside = try PolicyStore(path: deployment.directory + "/data/policies.sqlite")
        let caller = try PolicyCaller.tenantAdmin(tenant: "globex", actor: "cli:test")
        _ = try outside.administration.publish(
            try PublishRequest(policies: TenantPolicies.noEmbeddings, expectedVersion: 0),
            by: caller
        )
        var status = 200
        let deadline = Date().addingTimeInterval(Platform.policyRefreshSeconds * 4)
        while status == 200, Date() < deadline {
            try await Task.sleep(for: .milliseconds(250))
            status = try await client.embed().status
        }
        #expect(status == 403)
        await server.stop()
    }

    @Test("tenant layers and logged decisions survive a restart")
    func tenantStateSurvivesRestart() async throws {
        let deployment = try PolicyDeployment.make("policy-restart")
        let first = try await deployment.start()
        let admin = try PolicyClient(first, tenant: "acme")
        #expect(try await admin.publish(TenantPolicies.noEmbeddings, expected: 0).status == 200)
        #expect(try await admin.send("PUT", "/admin/policies/mode", ["mode": "log_only"]).status == 200)
        #expect(try await admin.embed().status == 200)
        await first.stop()

        let second = try await deployment.start()
        let again = try PolicyClient(second, tenant: "acme")
        let status = try await again.status()
        #expect(status.int("activeVersion") == 1)
        #expect(status["mode"] == "log_only")
        #expect(try await again.embed().status == 200)
        let logged = try await again.decisions().count
        // The decision made before the restart was buffered in memory; stopping the server flushes it.
        #expect(logged == 2)
        await second.stop()
    }

    @Test(
        "a policy file that does not parse, or lacks an @id, stops the server with its position and publishes nothing",
        arguments: [
            ("\n@id(\"x\") forbid ( ) ;\n", "policy.parse_error"),
            ("\nforbid (principal, action == Action::\"Embed\", resource);\n", "policy.id_missing"),
        ]
    )
    func brokenFileRefused(extra: String, code: String) async throws {
        let deployment = try PolicyDeployment.make("policy-broken", extraPlatformPolicies: extra)
        let lines = try String(contentsOfFile: deployment.policyFile, encoding: .utf8).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        let error = await #expect(throws: PolicyStoreError.self) { _ = try await deployment.start() }
        #expect(error?.code == "policy.invalid")
        // The operator is told which file and where, e.g. "… `/…/policies.cedar` was refused: 44:1: policy.…".
        #expect(error?.message.contains("`\(deployment.policyFile)`") == true)
        #expect(error?.message.contains("\(lines.count - 1):") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(code) == true)
        let store = try PolicyStore(path: deployment.directory + "/data/policies.sqlite")
        let caller = try #require(Self.platform)
        #expect(try store.administration.status(for: caller).latestVersion == 0)
        #expect(try store.administration.audit(LogQuery(), for: caller).map(\.outcome) == ["rejected"])
    }
}
