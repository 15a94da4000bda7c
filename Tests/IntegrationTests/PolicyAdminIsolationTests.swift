import AgentryCore
import Foundation
import HTTP
import Identity
import Testing

@testable import AgentryServer

/// Who may administer policies, and that one tenant's administrator reaches nothing of another's.
@Suite("Policy admin API: access and tenant isolation")
struct PolicyAdminIsolationTests {
    /// Every administration route with a body that would be valid for an administrator.
    static let routes: [(String, String, JSONValue?)] = [
        ("GET", "/admin/policies", nil),
        ("PUT", "/admin/policies", ["policies": .string(TenantPolicies.quiet), "expectedVersion": 0]),
        ("GET", "/admin/policies/versions", nil),
        ("GET", "/admin/policies/versions/1", nil),
        ("POST", "/admin/policies/rollback", ["toVersion": 1, "expectedVersion": 1]),
        ("POST", "/admin/policies/candidate", ["policies": .string(TenantPolicies.quiet), "expectedVersion": 0]),
        ("POST", "/admin/policies/candidate/promote", [:]),
        ("POST", "/admin/policies/candidate/discard", [:]),
        ("PUT", "/admin/policies/mode", ["mode": "log_only"]),
        ("GET", "/admin/policies/audit", nil),
        ("GET", "/admin/policies/decisions", nil),
    ]

    private func call(_ client: PolicyClient, _ route: (String, String, JSONValue?)) async throws -> HTTPResponse {
        if let body = route.2 { return try await client.send(route.0, route.1, body) }
        return try await client.caller.send(route.0, route.1)
    }

    @Test("no token is 401; a token without policy:admin or a delegated token is 403 on every route")
    func onlyEndUserAdministrators() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let userToken = try server.platform.identity.issueUserToken(
            tenant: "wayne",
            user: "bruce",
            scopes: ["policy:admin", "docs:read"],
            ttl: 600
        )
        // An agent acting for the administrator: same tenant, same scope, but delegated (`act` present).
        let delegated = try server.platform.identity.exchange(
            token: userToken,
            tenant: "wayne",
            client: "gateway:docassist",
            audience: IdentityPlane.platformAudience,
            scope: "policy:admin"
        )
        let agent = PolicyClient(server, token: delegated)
        let reader = try PolicyClient(server, tenant: "wayne", user: "bruce", scopes: ["docs:read"])
        let anonymous = PolicyClient(server, token: nil)
        for route in Self.routes {
            let unauthenticated = try await call(anonymous, route)
            #expect(unauthenticated.status == 401, "\(route.0) \(route.1)")
            let noScope = try await call(reader, route)
            #expect(noScope.status == 403, "\(route.0) \(route.1)")
            #expect(noScope.errorCode == "auth.policy_admin_required")
            let viaAgent = try await call(agent, route)
            #expect(viaAgent.status == 403, "\(route.0) \(route.1)")
            #expect(viaAgent.errorCode == "auth.user_token_required")
        }

        // Each refusal is in the security audit log; none of those attempts reached the policy store.
        let refusals = try server.platform.audit.entries(tenant: "wayne", outcome: "deny")
        #expect(refusals.count == 2 * Self.routes.count)
        #expect(refusals.allSatisfy { $0.action == "AdministerPolicies" && $0.principal == "wayne/bruce" })
        #expect(refusals.filter { $0.code == "auth.user_token_required" }.count == Self.routes.count)
        let admin = PolicyClient(server, token: userToken)
        let status = try await admin.status()
        #expect(status.int("latestVersion") == 0)
        #expect(status["mode"] == "enforce")
        #expect(try await admin.audit().isEmpty)
    }

    @Test("tenant A's administrator never reads or changes tenant B's versions, audit or decisions")
    func tenantIsolation() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let alpha = try PolicyClient(server, tenant: "initech", user: "lumbergh")
        let beta = try PolicyClient(server, tenant: "umbrella", user: "wesker")
        let secret = """
            @id("initech-secret-tps-rule")
            forbid (principal, action == Action::"Embed", resource) when { principal.tenant == "initech" };
            """
        #expect(try await alpha.publish(secret, expected: 0).status == 200)
        #expect(try await alpha.propose(TenantPolicies.quiet, expected: 1).status == 200)
        #expect(try await alpha.embed().status == 403)
        #expect(try await alpha.decisions().count == 1)

        // B sees an empty layer of its own, whatever it asks for (a tenant named in the query is ignored).
        #expect(try await beta.embed().status == 200)
        let status = try await beta.get("/admin/policies?tenant=initech").jsonBody()
        #expect(status["status"].int("latestVersion") == 0)
        #expect(status["active"] == .null)
        let lists = [
            try await beta.get("/admin/policies/versions"), try await beta.get("/admin/policies/audit"),
            try await beta.get("/admin/policies/decisions"),
        ]
        for reply in lists {
            #expect(reply.status == 200)
            #expect(!reply.text.contains("initech"))
        }
        #expect(try await beta.audit().isEmpty)
        #expect(try await beta.decisions().isEmpty)

        // Version numbers and candidates of A do not exist for B, and B's errors never echo A's text.
        var refusals = [
            try await beta.get("/admin/policies/versions/1"), try await beta.get("/admin/policies/versions/2"),
            try await beta.send("POST", "/admin/policies/rollback", ["toVersion": 1, "expectedVersion": 0]),
            try await beta.send("POST", "/admin/policies/candidate/promote", ["candidateVersion": 2]),
            try await beta.send("POST", "/admin/policies/candidate/discard", [:]),
        ]
        refusals.append(try await beta.publish("@id(\"x\") permit (principal, action, resource) when {", expected: 0))
        for reply in refusals {
            #expect(reply.status >= 400)
            #expect(!reply.text.contains("initech"))
            #expect(!reply.text.contains("tps-rule"))
        }

        // B publishing its own first version neither conflicts with nor touches A's layer.
        #expect(try await beta.publish(TenantPolicies.noEmbeddings, expected: 0).status == 200)
        #expect(try await beta.embed().status == 403)
        let alphaStatus = try await alpha.status()
        #expect(alphaStatus.int("latestVersion") == 2)
        #expect(alphaStatus.int("activeVersion") == 1)
        #expect(alphaStatus.int("candidateVersion") == 2)
        #expect(try await alpha.audit().allSatisfy { $0["actor"] == "lumbergh" })
    }

    @Test("a tenant's permit-everything layer widens nothing across tenants and never beats a platform forbid")
    func permitAllStaysInside() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "bigbank", scopes: ["policy:admin", "docs:export"])
        let everything = "@id(\"everything\")\npermit (principal, action, resource);"
        #expect(try await admin.publish(everything, expected: 0).status == 200)

        // Its own knowledge base now answers without `docs:read`; the other tenant's is still refused.
        let own = try await admin.send("POST", "/knowledge/bigbank-contracts/retrieve", ["query": "termination"])
        #expect(own.status == 200)
        let foreign = try await admin.send("POST", "/knowledge/smallfirm-contracts/retrieve", ["query": "termination"])
        #expect(foreign.status == 403)
        #expect(foreign.errorCode == "auth.tenant_mismatch")
        let export = try await admin.callTool("export_documents")
        #expect(export.status == 403)
        #expect(export.text.contains("policy.denied"))
    }

    @Test("a tenant sees that platform policies exist but never their ids or text")
    func platformHidden() async throws {
        let server = try await PolicyAdminServer.shared.start()
        let admin = try PolicyClient(server, tenant: "cyberdyne", scopes: ["policy:admin", "docs:export"])
        #expect(try await admin.send("PUT", "/admin/policies/mode", ["mode": "log_only"]).status == 200)
        #expect(try await admin.callTool("export_documents").status == 403)
        let views = [
            try await admin.get("/admin/policies"), try await admin.get("/admin/policies/versions"),
            try await admin.get("/admin/policies/decisions"), try await admin.get("/admin/policies/audit"),
        ]
        for reply in views {
            #expect(reply.status == 200)
            #expect(!reply.text.contains("no-bulk-export"))
            #expect(!reply.text.contains("forbid"))
        }
        let record = try #require(try await admin.decisions().last)
        #expect(record["activeReasons"] == ["platform"])
    }
}
