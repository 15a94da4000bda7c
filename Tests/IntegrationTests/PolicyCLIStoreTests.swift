import AgentryCore
import Foundation
import Testing

@testable import AgentryServer

/// `agentry policy list|show|audit|publish|candidate|promote|discard|rollback|mode` on a data directory, and the
/// CLI's answers to bad input.
@Suite(
    "Policy CLI: the store of a data directory",
    .enabled(if: AgentryCLI.isBuilt, "the agentry executable is not built")
)
struct PolicyCLIStoreTests {
    /// `agentry policy <words> --config <example> --data-dir <data> --tenant <tenant>`, its stdout parsed as JSON.
    private struct Store {
        let data: String
        var tenant: [String] = ["--tenant", "smallfirm"]

        func run(_ words: [String]) async throws -> CLIResult {
            let location = ["--config", TestPaths.exampleConfig, "--data-dir", data]
            return try await AgentryCLI.run(["policy"] + words + location + tenant)
        }

        func json(_ words: [String]) async throws -> JSONValue {
            let result = try await run(words)
            #expect(result.status == 0, "\(words): \(result.stderr)")
            return try JSONValue.parse(result.stdout)
        }
    }

    @Test("publish, show, list, rollback, candidate, promote, mode and audit work on a temporary data directory")
    func storeCommands() async throws {
        let deployment = try PolicyDeployment.make("cli-store")
        let store = Store(data: deployment.directory + "/data")
        let quiet = try AgentryCLI.write(TenantPolicies.quiet, "quiet.cedar", in: deployment.directory)
        let forbid = try AgentryCLI.write(TenantPolicies.noEmbeddings, "forbid.cedar", in: deployment.directory)

        #expect(try await store.json(["list"]) == ["versions": []])
        let first = try await store.json(["publish", "--policies", quiet, "--comment", "baseline"])
        #expect(first["version"].int("version") == 1)
        #expect(first["version"]["comment"] == "baseline")
        #expect(try await store.json(["publish", "--policies", forbid])["status"].int("activeVersion") == 2)
        #expect(try await store.json(["show"])["active"]["policies"].stringValue == TenantPolicies.noEmbeddings)
        #expect(try await store.json(["show", "1"])["policies"].stringValue == TenantPolicies.quiet)

        let stale = try await store.run(["publish", "--policies", quiet, "--expected-version", "1"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("policy.version_conflict"))
        let rolledBack = try await store.json(["rollback", "1"])
        #expect(rolledBack["status"].int("activeVersion") == 3)
        #expect(try await store.json(["show"])["active"]["policies"].stringValue == TenantPolicies.quiet)

        #expect(try await store.json(["candidate", "--policies", forbid])["status"].int("candidateVersion") == 4)
        #expect(try await store.json(["promote"]).int("activeVersion") == 4)
        #expect(try await store.json(["mode", "log_only"])["mode"] == "log_only")
        #expect(try await store.json(["mode", "enforce"])["mode"] == "enforce")
        let versions = try await store.json(["list"])["versions"].arrayValue ?? []
        #expect(versions.compactMap { $0.int("version") } == [1, 2, 3, 4])

        let entries = try await store.json(["audit"])["entries"].arrayValue ?? []
        let actions = entries.map { [$0["action"], $0["outcome"]].compactMap(\.stringValue) }
        #expect(
            actions == [
                ["publish", "accepted"], ["publish", "accepted"], ["publish", "rejected"], ["rollback", "accepted"],
                ["propose_candidate", "accepted"], ["promote", "accepted"], ["set_mode", "accepted"],
                ["set_mode", "accepted"],
            ]
        )
        #expect(entries.allSatisfy { $0["actor"].stringValue?.hasPrefix("cli:") == true })

        // A server started on that data directory enforces the layer the CLI wrote, and publishes its platform
        // layer, which the CLI then reads with --platform.
        let server = try await deployment.start()
        let denied = try await PolicyClient(server, tenant: "smallfirm").embed()
        #expect(denied.errorCode == "policy.denied")
        #expect(try await PolicyClient(server, tenant: "bigbank").embed().status == 200)
        await server.stop()
        var platform = store
        platform.tenant = ["--platform"]
        let layer = try await platform.json(["show"])
        #expect(layer["active"]["author"] == "config")
        #expect(layer["active"]["policyIds"].arrayValue?.contains("no-bulk-export") == true)
    }

    @Test("refused store commands exit non-zero with a clear message and the findings' positions")
    func storeRefusals() async throws {
        let directory = TestPaths.temporaryDirectory("cli-store-refusals")
        let store = Store(data: directory + "/data")
        let text = "@id(\"a\")\nforbid (principal,\n  action == );\n"
        let broken = try AgentryCLI.write(text, "broken.cedar", in: directory)
        let invalid = try await store.run(["publish", "--policies", broken])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("policy.invalid"))
        #expect(invalid.stderr.contains("3:"), "findings should carry their line: \(invalid.stderr)")
        #expect(!invalid.crashed)

        var unknown = store
        unknown.tenant = ["--tenant", "no-such-tenant"]
        let stranger = try await unknown.run(["publish", "--policies", broken])
        #expect(stranger.status != 0)
        #expect(stranger.stderr.contains("no-such-tenant"))
        var platform = store
        platform.tenant = ["--platform"]
        let platformPublish = try await platform.run(["publish", "--policies", broken])
        #expect(platformPublish.status == 2)
        #expect(platformPublish.stderr.contains("policy file"))
        var nobody = store
        nobody.tenant = []
        #expect(try await nobody.run(["list"]).status == 2)
        #expect(try await store.run(["show", "first"]).status == 2)
        #expect(try await store.run(["mode", "lenient"]).status == 2)
        #expect(try await store.json(["audit"])["entries"].arrayValue?.count == 1)
    }

    @Test("missing files, non-UTF-8 files and unknown commands give a clear error and a non-zero exit")
    func badInput() async throws {
        let directory = TestPaths.temporaryDirectory("cli-bad-input")
        let binary = directory + "/binary.cedar"
        try Data([0xFF, 0xFE, 0x00, 0x81]).write(to: URL(fileURLWithPath: binary))
        let cases: [([String], Int32, String)] = [
            (["policy", "format", directory + "/missing.cedar"], 1, "agentry: cli.file_unreadable: cannot read `"),
            (["policy", "format", binary], 1, "agentry: cli.file_not_utf8: `"),
            (["policy", "validate", "--policies", binary, "--schema", binary], 1, "agentry: cli.file_not_utf8"),
            (["policy", "frobnicate"], 2, "agentry: unknown policy command `frobnicate`"),
            (["policy"], 2, "agentry: a policy command is required"),
            (["policy", "validate", "--policies", binary], 2, "agentry: `--schema FILE` is required"),
            (["policy", "format", "--to", "yaml", binary], 2, "agentry: `--to` must be"),
            (["policy", "conformance", directory + "/nowhere"], 2, "is not a directory"),
            (["policy", "authorize", "--policies", binary, "--bogus", "x"], 2, "agentry: unknown option `--bogus`"),
        ]
        for (arguments, status, message) in cases {
            let result = try await AgentryCLI.run(arguments)
            #expect(result.status == status, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(!result.crashed, "\(arguments)")
        }
    }
}
