import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy
import Testing

@testable import AgentryServer

/// Calls AgentCore's workload-identity operations, authenticated as an OAuth client with HTTP Basic.
struct WorkloadCaller: Sendable {
    let endpoint: String

    func call(
        _ operation: String,
        _ body: JSONValue,
        client: String? = "acme-app",
        headers: [String: String] = [:]
    ) async throws -> HTTPResponse {
        var all: [String: String] = headers
        if let client {
            let pair = client + ":" + OAuthHarness.secret(client)
            all["Authorization"] = "Basic " + Data(pair.utf8).base64EncodedString()
        }
        return try await Caller(endpoint: endpoint, token: nil).json(
            "POST",
            "/identities/" + operation,
            body,
            headers: all
        )
    }
}

@Suite("Workload identity (AgentCore GetWorkloadAccessToken*)")
struct WorkloadIdentityTests {
    private func setUp() async throws -> (AgentryServer, WorkloadCaller) {
        let server = try await OAuthHarness.shared.start()
        return (server, WorkloadCaller(endpoint: server.endpoint))
    }

    private func token(_ reply: HTTPResponse) throws -> JSONValue {
        try payload(of: try #require(try reply.jsonBody()["workloadAccessToken"].stringValue))
    }

    @Test("ForJWT binds workload, user, tenant and session, and narrows to agent ∩ user scopes")
    func forJWT() async throws {
        let (server, workloads) = try await setUp()
        let user = try server.platform.identity.issueUserToken(
            tenant: "acme",
            user: "alice",
            scopes: ["docs:read", "memory:write"],
            ttl: 60
        )
        let session = "session-" + Identifiers.hex(bytes: 16) + "-abcdefgh"
        let reply = try await workloads.call(
            "GetWorkloadAccessTokenForJWT",
            ["workloadName": "helper", "userToken": .string(user)],
            headers: [AgentryRoutes.sessionHeader: session]
        )
        #expect(reply.status == 200)
        let claims = try token(reply)
        #expect(claims["sub"] == "alice")
        #expect(claims["tenant_id"] == "acme")
        #expect(claims["act"] == ["sub": "agent:helper"])
        #expect(claims["session_id"] == .string(session))
        #expect(claims["scope"] == "docs:read")
        #expect((claims["exp"].numberValue ?? .infinity) <= (try payload(of: user)["exp"].numberValue ?? 0))
    }

    @Test("ForUserId and the plain form carry only the client's workload scopes, and act as the agent")
    func forUserIDAndPlain() async throws {
        let (server, workloads) = try await setUp()
        let byID = try await workloads.call(
            "GetWorkloadAccessTokenForUserId",
            ["workloadName": "helper", "userId": "u-42"]
        )
        #expect(byID.status == 200)
        let claims = try token(byID)
        #expect(claims["sub"] == "u-42")
        #expect(claims["scope"] == "docs:read")
        #expect(claims["tenant_id"] == "acme")
        let plain = try await workloads.call("GetWorkloadAccessToken", ["workloadName": "helper"])
        #expect(try token(plain)["sub"] == "workload:helper")
        // The token acts for someone: it cannot start a runtime session as if it were an end user.
        let invoke = try await Caller(
            endpoint: server.endpoint,
            token: try plain.jsonBody()["workloadAccessToken"].stringValue
        )
        .json("POST", "/runtimes/helper/invocations", ["prompt": "hi"])
        #expect(invoke.errorCode == "auth.user_token_required")
    }

    @Test("a revoked workload token is refused at the gateway and the edge")
    func revokedWorkloadToken() async throws {
        let (server, workloads) = try await setUp()
        let reply = try await workloads.call(
            "GetWorkloadAccessTokenForUserId",
            ["workloadName": "helper", "userId": "u-revoked"]
        )
        let token = try #require(try reply.jsonBody()["workloadAccessToken"].stringValue)
        let agent = Caller(endpoint: server.endpoint, token: token)
        let listing = ["jsonrpc": "2.0", "id": 1, "method": "tools/list"] as JSONValue
        #expect(try await agent.json("POST", "/gateways/gw/mcp", listing).status != 401)
        let revoked = try await OAuthCaller(endpoint: server.endpoint)
            .post("/oauth2/revoke", [("token", token), ("token_type_hint", "access_token")], client: "acme-app")
        #expect(revoked.status == 200)
        let refused = try await agent.json("POST", "/gateways/gw/mcp", listing)
        #expect(refused.status == 401)
        #expect(refused.errorCode == "auth.token_revoked")
        #expect(try await agent.send("GET", "/knowledge").status == 401)
    }

    @Test("the tenant comes from the client: a body naming another tenant changes nothing")
    func tenantFromClient() async throws {
        let (_, workloads) = try await setUp()
        let reply = try await workloads.call(
            "GetWorkloadAccessTokenForUserId",
            ["workloadName": "helper", "userId": "u-1", "tenantId": "globex", "tenant_id": "globex"],
            client: "globex-app"
        )
        #expect(try token(reply)["tenant_id"] == "globex")
        let acme = try await workloads.call(
            "GetWorkloadAccessTokenForUserId",
            ["workloadName": "helper", "userId": "u-1", "tenant_id": "globex"]
        )
        #expect(try token(acme)["tenant_id"] == "acme")
    }

    @Test("refusals: anonymous, unknown workload, other tenant's user token, delegated token, bad input")
    func refusals() async throws {
        let (server, workloads) = try await setUp()
        let anonymous = try await workloads.call("GetWorkloadAccessToken", ["workloadName": "helper"], client: nil)
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["x-amzn-errortype"] == "UnauthorizedException")
        let notListed = try await workloads.call(
            "GetWorkloadAccessToken",
            ["workloadName": "helper"],
            client: "acme-svc"
        )
        #expect(notListed.status == 403)
        let unknown = try await workloads.call("GetWorkloadAccessToken", ["workloadName": "other-agent"])
        #expect(unknown.status == 403)
        let globexUser = try server.platform.identity.issueUserToken(tenant: "globex", user: "g", scopes: [], ttl: 60)
        let crossTenant = try await workloads.call(
            "GetWorkloadAccessTokenForJWT",
            ["workloadName": "helper", "userToken": .string(globexUser)]
        )
        #expect(crossTenant.status == 403)
        #expect(crossTenant.headers["x-amzn-errortype"] == "AccessDeniedException")
        let delegated = try await workloads.call(
            "GetWorkloadAccessTokenForUserId",
            ["workloadName": "helper", "userId": "x"]
        )
        let delegatedToken = try #require(try delegated.jsonBody()["workloadAccessToken"].stringValue)
        let chained = try await workloads.call(
            "GetWorkloadAccessTokenForJWT",
            ["workloadName": "helper", "userToken": .string(delegatedToken)]
        )
        #expect(chained.status == 403)
        let invalid = try await workloads.call("GetWorkloadAccessTokenForUserId", ["workloadName": "h"])
        #expect(invalid.status == 400)
        #expect(invalid.headers["x-amzn-errortype"] == "ValidationException")
        #expect(try invalid.jsonBody()["error"]["code"] == "workload.invalid_request")
    }
}
