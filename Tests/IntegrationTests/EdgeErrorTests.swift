import AgentryCore
import Foundation
import HTTP
import Identity
import Testing

@testable import AgentryServer

@Suite("HTTP edge: stable JSON errors, right statuses, nothing written")
struct EdgeErrorTests {
    private func caller(
        _ tenant: String = "smallfirm",
        user: String = "alice",
        scopes: Set<String>
    ) async throws
        -> Caller
    {
        let server = try await TestDeployment.shared.start()
        let token = try server.platform.identity.issueUserToken(tenant: tenant, user: user, scopes: scopes, ttl: 600)
        return Caller(endpoint: server.endpoint, token: token)
    }

    @Test("a missing or invalid token gets 401")
    func unauthenticated() async throws {
        let server = try await TestDeployment.shared.start()
        let anonymous = try await Caller(endpoint: server.endpoint, token: nil).send("GET", "/knowledge")
        #expect(anonymous.status == 401)
        #expect(anonymous.errorCode == "auth.token_missing")
        let garbage = try await Caller(endpoint: server.endpoint, token: "not.a.jwt").send("GET", "/knowledge")
        #expect(garbage.status == 401)
        #expect(!String(decoding: garbage.body, as: UTF8.self).contains("not.a.jwt"))
    }

    @Test("malformed JSON gets 400 and writes nothing")
    func malformedJSON() async throws {
        let writer = try await caller(scopes: ["docs:read", "docs:write"])
        let put = try await writer.send(
            "PUT",
            "/knowledge/smallfirm-contracts/documents/half",
            body: Data("{\"text\":".utf8)
        )
        #expect(put.status == 400)
        #expect(put.errorCode == "request.malformed_json")
        let read = try await writer.send("GET", "/knowledge/smallfirm-contracts/documents/half")
        #expect(read.status == 404)
    }

    @Test("a body over the limit gets 413 and writes nothing")
    func bodyTooLarge() async throws {
        let writer = try await caller(scopes: ["docs:read", "docs:write"])
        let text = String(repeating: "clause ", count: 20_000)
        let put = try await writer.json("PUT", "/knowledge/smallfirm-contracts/documents/huge", ["text": .string(text)])
        #expect(put.status == 413)
        #expect(put.errorCode == "http.body_too_large")
        #expect(try await writer.send("GET", "/knowledge/smallfirm-contracts/documents/huge").status == 404)
    }

    @Test("another tenant's knowledge base gets 403 and is audited")
    func wrongTenant() async throws {
        let server = try await TestDeployment.shared.start()
        let reader = try await caller(scopes: ["docs:read"])
        let reply = try await reader.json("POST", "/knowledge/bigbank-contracts/retrieve", ["query": "term"])
        #expect(reply.status == 403)
        #expect(reply.errorCode == "auth.tenant_mismatch")
        let requestID = reply.headers["x-request-id"] ?? "?"
        let audited = try server.platform.audit.entries(tenant: "smallfirm", outcome: "deny").map(\.requestID)
        #expect(audited.contains(requestID))
    }

    @Test("a policy deny gets 403 policy.denied")
    func policyDeny() async throws {
        let noScopes = try await caller(user: "mallory", scopes: [])
        let reply = try await noScopes.json("POST", "/knowledge/smallfirm-contracts/retrieve", ["query": "term"])
        #expect(reply.status == 403)
        #expect(reply.errorCode == "policy.denied")
    }

    @Test("a token signed with another tenant's key ring is refused")
    func crossRingToken() async throws {
        let server = try await TestDeployment.shared.start()
        let forged = try server.platform.identity.issuer(for: "bigbank").issue(
            Claims(sub: "eve", aud: [IdentityPlane.platformAudience], tenantID: "smallfirm", scopes: ["docs:read"]),
            ttl: 300
        )
        let reply = try await Caller(endpoint: server.endpoint, token: forged).send("GET", "/knowledge")
        #expect(reply.status == 401)
        #expect(reply.errorCode == "auth.key_tenant_mismatch")
    }

    @Test(
        "only the exact issuer string is accepted (BUG-05)",
        arguments: ["http", "http://127.0.0.1", "", "{endpoint}/", "{endpoint}0"]
    )
    func issuerNearMiss(issuer: String) async throws {
        let server = try await TestDeployment.shared.start()
        let iss = issuer.replacingOccurrences(of: "{endpoint}", with: server.platform.identity.issuerURL)
        let token = try TokenIssuer(issuer: iss, keyRing: server.platform.identity.platformRing).issue(
            Claims(sub: "alice", aud: [IdentityPlane.platformAudience], tenantID: "smallfirm", scopes: ["docs:read"]),
            ttl: 300
        )
        let reply = try await Caller(endpoint: server.endpoint, token: token).send("GET", "/knowledge")
        #expect(reply.status == 401)
    }

    @Test("an empty or wildcard memory delete is refused with 400 (BUG-21)", arguments: ["*", "%2A", "%7B%7D"])
    func wildcardDelete(actor: String) async throws {
        let user = try await caller(scopes: ["memory:write"])
        let reply = try await user.send("DELETE", "/memories/docassist/actors/\(actor)")
        #expect(reply.status == 400)
        #expect(reply.errorCode == "memory.filter_too_broad")
    }

    @Test("the token endpoint refuses unauthenticated clients with invalid_client")
    func tokenEndpointNeedsClient() async throws {
        let server = try await TestDeployment.shared.start()
        let reply = try await Caller(endpoint: server.endpoint, token: nil).send(
            "POST",
            "/oauth2/token",
            body: Data("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange".utf8),
            headers: ["Content-Type": "application/x-www-form-urlencoded"]
        )
        #expect(reply.status == 401)
        #expect((try? reply.jsonBody())?["error"] == "invalid_client")
    }
}
