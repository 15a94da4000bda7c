import AgentryCore
import Foundation
import HTTP
import Testing

@testable import AgentryServer

/// `/admin/policies` on a real server: publishing changes real decisions, and every refusal leaves the layer as it was.
@Suite("Policy admin API")
struct PolicyAdminAPITests {
    @Test("a tenant forbid refuses a real request with policy.denied and a rollback restores it")
    func publishAndRollback() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "acme")
        #expect(try await admin.embed().status == 200)
        let before = try await admin.status()
        #expect(before.int("latestVersion") == 0)
        #expect(before["activeVersion"] == .null)
        #expect(before["platformPoliciesPresent"] == true)

        // Version 1 changes nothing; version 2 forbids embeddings for the tenant.
        #expect(try await admin.publish(TenantPolicies.quiet, expected: 0).status == 200)
        #expect(try await admin.embed().status == 200)
        let forbid = try await admin.publish(TenantPolicies.noEmbeddings, expected: 1)
        #expect(forbid.status == 200)
        #expect(try forbid.jsonBody()["version"].int("version") == 2)
        let denied = try await admin.embed()
        #expect(denied.status == 403)
        #expect(denied.errorCode == "policy.denied")

        // Rolling back to version 1 writes version 3 with version 1's text and allows again.
        let rollback = try await admin.send("POST", "/admin/policies/rollback", ["toVersion": 1, "expectedVersion": 2])
        #expect(rollback.status == 200)
        #expect(try rollback.jsonBody()["status"].int("activeVersion") == 3)
        #expect(try await admin.embed().status == 200)
        let third = try await admin.get("/admin/policies/versions/3").jsonBody()
        #expect(third["policies"].stringValue == TenantPolicies.quiet)
        let versions = try await admin.get("/admin/policies/versions").jsonBody()["versions"].arrayValue ?? []
        #expect(versions.compactMap { $0.int("version") } == [1, 2, 3])
        #expect(versions.allSatisfy { $0["author"] == "alice" })
    }

    @Test("a tenant forbid on a tool refuses the tool call at the gateway with policy.denied")
    func toolForbid() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "massive", scopes: ["policy:admin", "cases:write"])
        let note: JSONValue = ["case": "C-1", "note": "called the client"]
        let before = try await admin.callTool("add_case_note", note)
        #expect(!before.text.contains("policy.denied"))
        let forbid = """
            @id("no-case-notes")
            forbid (principal, action == Action::"CallTool", resource == Tool::"add_case_note");
            """
        #expect(try await admin.publish(forbid, expected: 0).status == 200)
        let after = try await admin.callTool("add_case_note", note)
        #expect(after.status == 403)
        #expect(after.text.contains("policy.denied"))
        let other = try PolicyClient(server, tenant: "oscorp", scopes: ["cases:write"])
        #expect(!(try await other.callTool("add_case_note", note).text.contains("policy.denied")))
    }

    @Test("a stale expectedVersion is refused with 409 and leaves the layer unchanged")
    func versionConflict() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "globex")
        #expect(try await admin.publish(TenantPolicies.quiet, expected: 0).status == 200)
        let stale = try await admin.publish(TenantPolicies.noEmbeddings, expected: 0)
        #expect(stale.status == 409)
        #expect(stale.errorCode == "policy.version_conflict")
        let ahead = try await admin.publish(TenantPolicies.noEmbeddings, expected: 5)
        #expect(ahead.status == 409)
        let status = try await admin.status()
        #expect(status.int("latestVersion") == 1)
        #expect(try await admin.embed().status == 200)
    }

    @Test("of concurrent publishes expecting the same version exactly one wins; the others get 409")
    func concurrentPublishes() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "oscorp")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<6 {
                let text = "@id(\"writer-\(index)\")\nforbid (principal, action == Action::\"Embed\", resource);"
                group.addTask { try await admin.publish(text, expected: 0).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.sorted() == [200, 409, 409, 409, 409, 409])
        let status = try await admin.status()
        #expect(status.int("latestVersion") == 1)
        let audit = try await admin.audit()
        #expect(audit.filter { $0["outcome"] == "rejected" }.count == 5)
    }

    @Test("invalid Cedar is refused with 400 and findings that carry a line and a column")
    func invalidCedar() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "tyrell")
        let broken = "@id(\"a\")\npermit (principal, action, resource)\n  when { context.scopes.contains( };\n"
        let reply = try await admin.publish(broken, expected: 0)
        #expect(reply.status == 400)
        #expect(reply.errorCode == "policy.invalid")
        let findings = try reply.jsonBody()["error"]["findings"].arrayValue ?? []
        let first = try #require(findings.first)
        #expect(first.int("line") == 3)
        #expect((first.int("column") ?? 0) > 0)

        // A policy without an `@id` is refused by the store's own rule, also with its position.
        let anonymous = try await admin.publish("permit (principal, action, resource);", expected: 0)
        #expect(anonymous.status == 400)
        #expect(try anonymous.jsonBody()["error"]["findings"].arrayValue?.isEmpty == false)
        #expect(try await admin.status().int("latestVersion") == 0)
    }

    @Test("a schema with a policy that fails strict validation is refused with findings and changes nothing")
    func strictValidation() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "soylent")
        #expect(try await admin.publish(TenantPolicies.quiet, expected: 0).status == 200)
        let wrong = """
            @id("by-department")
            forbid (principal, action == Action::"Embed", resource) when { principal.department == "legal" };
            """
        let refused = try await admin.publish(wrong, expected: 1, schema: Self.schema)
        #expect(refused.status == 400)
        #expect(refused.errorCode == "policy.invalid")
        let findings = try refused.jsonBody()["error"]["findings"].arrayValue ?? []
        let finding = try #require(findings.first { $0["policyId"] == "by-department" })
        #expect(finding["severity"] == "error")
        #expect(finding.int("line") == 1)
        #expect(finding.int("column") == 1)
        let unchanged = try await admin.get("/admin/policies").jsonBody()
        #expect(unchanged["status"].int("latestVersion") == 1)
        #expect(unchanged["active"]["policies"].stringValue == TenantPolicies.quiet)
        #expect(unchanged["active"]["hasSchema"] == false)

        // The same schema with a policy it types is accepted, and later publishes are held to it.
        let typed = """
            @id("not-for-others")
            forbid (principal, action == Action::"Embed", resource) unless { principal.tenant == "soylent" };
            """
        let accepted = try await admin.publish(typed, expected: 1, schema: Self.schema)
        #expect(accepted.status == 200)
        #expect(try accepted.jsonBody()["version"]["hasSchema"] == true)
        #expect(try await admin.publish(wrong, expected: 2).status == 400)
        #expect(try await admin.embed().status == 200)
    }

    @Test("malformed administration bodies are refused with 400")
    func malformedBodies() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "tyrell")
        let notJSON = try await admin.caller.send("PUT", "/admin/policies", body: Data("policies=x".utf8))
        #expect(notJSON.status == 400)
        let missing = try await admin.send("PUT", "/admin/policies", ["expectedVersion": 0])
        #expect(missing.status == 400)
        #expect(missing.errorCode == "policy.bad_request")
        let mode = try await admin.send("PUT", "/admin/policies/mode", ["mode": "lenient"])
        #expect(mode.status == 400)
        let version = try await admin.get("/admin/policies/versions/latest")
        #expect(version.status == 400)
        #expect(try await admin.get("/admin/policies/versions/99").status == 404)
    }

    /// Declares the entities and the `Embed` action as the server builds them.
    static let schema = """
        entity Tenant;
        entity User in [Tenant] { tenant: String };
        entity Embedder;
        action Embed appliesTo {
            principal: [User],
            resource: [Embedder],
            context: { scopes: Set<String>, actor: String, delegated: Bool }
        };
        """
}
