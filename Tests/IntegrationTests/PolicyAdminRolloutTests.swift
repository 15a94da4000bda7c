import AgentryCore
import Foundation
import HTTP
import Testing

@testable import AgentryServer

/// Log-only candidates, the tenant layer's mode, and the audit of every attempt.
@Suite("Policy admin API: rollout and audit")
struct PolicyAdminRolloutTests {
    @Test("a log-only candidate is recorded in the decision log, not enforced, and enforced once promoted")
    func candidateThenPromote() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "hooli", user: "gavin")
        #expect(try await admin.publish(TenantPolicies.quiet, expected: 0).status == 200)
        let proposed = try await admin.propose(TenantPolicies.noEmbeddings, expected: 1)
        #expect(proposed.status == 200)
        #expect(try proposed.jsonBody()["status"].int("candidateVersion") == 2)
        #expect(try proposed.jsonBody()["status"].int("activeVersion") == 1)

        // The candidate would deny; the active version still allows, and the difference is logged.
        #expect(try await admin.embed().status == 200)
        let records = try await admin.decisions("?disagreementsOnly=true")
        let record = try #require(records.last)
        #expect(record["action"] == #"Action::"Embed""#)
        #expect(record["principal"] == #"User::"hooli/gavin""#)
        #expect(record["enforced"] == "allow")
        #expect(record.int("candidateVersion") == 2)
        #expect(record["candidate"] == "deny")
        #expect(record["candidateReasons"] == ["tenant/no-embeddings"])
        #expect(record["candidateDiffers"] == true)

        // A stale candidate number is refused; the right one is promoted and enforced at once.
        let stale = try await admin.send("POST", "/admin/policies/candidate/promote", ["candidateVersion": 1])
        #expect(stale.status == 409)
        let promoted = try await admin.send("POST", "/admin/policies/candidate/promote", ["candidateVersion": 2])
        #expect(promoted.status == 200)
        #expect(try promoted.jsonBody().int("activeVersion") == 2)
        #expect(try promoted.jsonBody()["candidateVersion"] == .null)
        let denied = try await admin.embed()
        #expect(denied.status == 403)
        #expect(denied.errorCode == "policy.denied")

        // Without a candidate or log-only mode, decisions are no longer logged.
        let logged = try await admin.decisions().count
        _ = try await admin.embed()
        #expect(try await admin.decisions().count == logged)
    }

    @Test("a discarded candidate is never enforced and stays in the history")
    func candidateDiscarded() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "stark", user: "pepper")
        #expect(try await admin.propose(TenantPolicies.noEmbeddings, expected: 0).status == 200)
        #expect(try await admin.embed().status == 200)
        let discarded = try await admin.send("POST", "/admin/policies/candidate/discard", [:])
        #expect(discarded.status == 200)
        #expect(try discarded.jsonBody()["candidateVersion"] == .null)
        #expect(try await admin.embed().status == 200)
        let versions = try await admin.get("/admin/policies/versions").jsonBody()["versions"].arrayValue ?? []
        #expect(versions.count == 1)
    }

    @Test("log_only mode relaxes the tenant's own forbids but never a platform forbid")
    func logOnlyKeepsPlatformForbids() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "wonka", scopes: ["policy:admin", "docs:export"])
        let both = TenantPolicies.noEmbeddings + "\n" + TenantPolicies.allowExport
        #expect(try await admin.publish(both, expected: 0).status == 200)
        #expect(try await admin.embed().status == 403)
        let exportEnforced = try await admin.callTool("export_documents", ["scope": "all"])
        #expect(exportEnforced.status == 403)
        #expect(exportEnforced.text.contains("policy.denied"))

        let relaxed = try await admin.send("PUT", "/admin/policies/mode", ["mode": "log_only"])
        #expect(relaxed.status == 200)
        #expect(try relaxed.jsonBody()["mode"] == "log_only")
        #expect(try await admin.embed().status == 200)
        let export = try await admin.callTool("export_documents", ["scope": "all"])
        #expect(export.status == 403)
        #expect(export.text.contains("policy.denied"))

        // The log shows what full enforcement would have done for the relaxed call.
        let records = try await admin.decisions()
        let embed = try #require(records.first { $0["action"] == #"Action::"Embed""# })
        #expect(embed["mode"] == "log_only")
        #expect(embed["enforced"] == "allow")
        #expect(embed["active"] == "deny")
        #expect(embed["modeRelaxed"] == true)
        let tool = try #require(records.first { $0["action"] == #"Action::"CallTool""# })
        #expect(tool["enforced"] == "deny")

        #expect(try await admin.send("PUT", "/admin/policies/mode", ["mode": "enforce"]).status == 200)
        #expect(try await admin.embed().status == 403)
    }

    @Test("the audit lists every attempt in order, refused ones with their codes")
    func auditEveryAttempt() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "smallfirm", user: "maria")
        #expect(try await admin.publish(TenantPolicies.quiet, expected: 0).status == 200)
        #expect(try await admin.publish(TenantPolicies.quiet, expected: 0).status == 409)
        #expect(try await admin.publish("@id(\"a\") forbid (", expected: 1).status == 400)
        #expect(try await admin.send("POST", "/admin/policies/candidate/promote", [:]).status == 404)
        let rollback = try await admin.send("POST", "/admin/policies/rollback", ["toVersion": 9, "expectedVersion": 1])
        #expect(rollback.status == 404)
        #expect(try await admin.send("PUT", "/admin/policies/mode", ["mode": "log_only"]).status == 200)

        let entries = try await admin.audit()
        let summary = entries.map { [$0["action"], $0["outcome"], $0["code"]].compactMap(\.stringValue) }
        #expect(
            summary == [
                ["publish", "accepted", ""], ["publish", "rejected", "policy.version_conflict"],
                ["publish", "rejected", "policy.invalid"], ["promote", "rejected", "policy.not_found"],
                ["rollback", "rejected", "policy.not_found"], ["set_mode", "accepted", ""],
            ]
        )
        #expect(entries.allSatisfy { $0["actor"] == "maria" })
        let sequences = entries.compactMap { $0.int("sequence") }
        #expect(sequences == sequences.sorted())
        let paged = try await admin.get("/admin/policies/audit?after=\(sequences[3])&limit=1").jsonBody()
        #expect(paged["entries"].arrayValue?.compactMap { $0.int("sequence") } == [sequences[4]])
    }
}
