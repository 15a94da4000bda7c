import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy
import Testing

@testable import AgentryServer

/// `POST /oauth2/introspect`, `POST /oauth2/revoke`, and the replay defence.
@Suite("OAuth introspection, revocation and replay")
struct OAuthIntrospectionTests {
    private func setUp() async throws -> (AgentryServer, OAuthCaller) {
        let server = try await OAuthHarness.shared.start()
        return (server, OAuthCaller(endpoint: server.endpoint))
    }

    private func user(_ server: AgentryServer, tenant: String = "acme", name: String = "alice") throws -> String {
        try server.platform.identity.issueUserToken(
            tenant: tenant,
            user: name,
            scopes: ["billing:write", "docs:read"],
            ttl: 600
        )
    }

    private func introspect(
        _ oauth: OAuthCaller,
        _ token: String,
        client: String? = "acme-app"
    ) async throws
        -> HTTPResponse
    {
        try await oauth.post(
            "/oauth2/introspect",
            [("token", token), ("token_type_hint", "access_token")],
            client: client
        )
    }

    @Test("an active token of the client's tenant introspects with its claims")
    func activeToken() async throws {
        let (server, oauth) = try await setUp()
        let token = try user(server)
        let reply = try await introspect(oauth, token)
        #expect(reply.status == 200)
        let body = try reply.jsonBody()
        #expect(body["active"] == true)
        #expect(body["sub"] == "alice")
        #expect(body["tenant_id"] == "acme")
        #expect(body["scope"] == "billing:write docs:read")
        #expect(body["iss"] == .string(server.platform.identity.issuerURL))
        #expect(body["exp"].numberValue == (try payload(of: token)["exp"].numberValue))
    }

    @Test("invalid, garbage, forged and other-tenant tokens are simply inactive", arguments: [0, 1, 2, 3, 4, 5])
    func inactive(_ variant: Int) async throws {
        let (server, oauth) = try await setUp()
        let token: String
        switch variant {
        case 0: token = try user(server, tenant: "globex")
        case 1: token = "not-a-jwt"
        case 2: token = String(try user(server).dropLast(6)) + "AAAAAA"
        case 3: token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."
        case 4: token = String(repeating: "a.", count: 2000)
        default:
            // Signed by globex's own ring but claiming acme: the ring cannot vouch for another tenant.
            token = try server.platform.identity.issuer(for: "globex").issue(
                Claims(sub: "mallory", aud: ["agentry"], tenantID: "acme", scopes: ["billing:write"]),
                ttl: 60
            )
        }
        let reply = try await introspect(oauth, token)
        #expect(reply.status == 200)
        #expect(try reply.jsonBody() == ["active": false])
    }

    @Test("introspection and revocation without client authentication are invalid_client (401)")
    func needsClient() async throws {
        let (server, oauth) = try await setUp()
        let token = try user(server)
        for path in ["/oauth2/introspect", "/oauth2/revoke"] {
            let reply = try await oauth.post(path, [("token", token)])
            #expect(reply.status == 401)
            #expect(reply.oauthError == "invalid_client")
            #expect(reply.headers["www-authenticate"] != nil)
        }
        let missing = try await oauth.post("/oauth2/introspect", [], client: "acme-app")
        #expect(missing.oauthError == "invalid_request")
    }

    @Test("a platform client sees only tokens issued or addressed to it")
    func platformClientVisibility() async throws {
        let (server, oauth) = try await setUp()
        let token = try user(server)
        #expect(try await introspect(oauth, token, client: "platform-svc").jsonBody() == ["active": false])
        // A platform client exchanges only tokens addressed to it, never a tenant user's token for Agentry.
        #expect(try await oauth.exchange(token, client: "platform-svc", audience: "billing").status == 400)
        let addressed = try server.platform.identity.issuer(for: "acme").issue(
            Claims(sub: "alice", aud: ["platform-svc"], tenantID: "acme", scopes: ["billing:write"]),
            ttl: 300
        )
        let exchanged = try await oauth.exchange(addressed, client: "platform-svc", audience: "billing")
        let body = try await introspect(oauth, exchanged.accessToken, client: "platform-svc").jsonBody()
        #expect(body["active"] == true)
        #expect(body["act"] == ["sub": "platform-svc"])
    }

    @Test("a revoked token is refused at the edge, the gateway, the runtime, the exchange and workload identity")
    func revokedEverywhere() async throws {
        let (server, oauth) = try await setUp()
        let token = try user(server, name: "revoked-user")
        let edge = Caller(endpoint: server.endpoint, token: token)
        #expect(try await edge.send("GET", "/knowledge").status == 200)

        let revoke = try await oauth.post("/oauth2/revoke", [("token", token)], client: "acme-app")
        #expect(revoke.status == 200)
        #expect(try await introspect(oauth, token).jsonBody() == ["active": false])
        #expect(try await edge.send("GET", "/knowledge").errorCode == "auth.token_revoked")
        let mcp = try await edge.json("POST", "/gateways/gw/mcp", ["jsonrpc": "2.0", "id": 1, "method": "tools/list"])
        #expect(mcp.status == 401)
        let runtime = try await edge.json("POST", "/runtimes/helper/invocations", ["prompt": "hi"])
        #expect(runtime.status == 401)
        #expect(try await oauth.exchange(token, client: "acme-app", audience: "billing").oauthError == "invalid_grant")
        #expect(throws: (any Error).self) {
            try server.platform.identity.exchange(
                token: token,
                tenant: "acme",
                client: IdentityPlane.gatewayClient("gw"),
                audience: "billing",
                scope: "billing:write"
            )
        }
        let workload = try await WorkloadCaller(endpoint: server.endpoint)
            .call("GetWorkloadAccessTokenForJWT", ["workloadName": "helper", "userToken": .string(token)])
        #expect(workload.status == 401)
    }

    @Test("another tenant's client cannot revoke a token")
    func crossTenantRevocation() async throws {
        let (server, oauth) = try await setUp()
        let token = try user(server, name: "bob")
        let reply = try await oauth.post("/oauth2/revoke", [("token", token)], client: "globex-app")
        #expect(reply.status == 200)
        #expect(try await introspect(oauth, token).jsonBody()["active"] == true)
    }

    @Test("an actor token is good for one exchange only")
    func actorReplay() async throws {
        let (server, oauth) = try await setUp()
        let subject = try user(server)
        let actor = try server.platform.identity.issueUserToken(
            tenant: "acme",
            user: "agent-7",
            scopes: [],
            ttl: 300
        )
        let extra = [("actor_token", actor), ("actor_token_type", TokenExchangeRequest.accessTokenType)]
        let first = try await oauth.exchange(subject, client: "acme-app", audience: "billing", extra: extra)
        #expect(first.status == 200)
        #expect(try payload(of: first.accessToken)["act"] == ["sub": "agent-7"])
        let replay = try await oauth.exchange(subject, client: "acme-app", audience: "billing", extra: extra)
        #expect(replay.status == 400)
        #expect(replay.oauthError == "invalid_grant")
    }

    @Test("revocations and consumed ids survive a restart, and expire with their tokens")
    func persistentStore() throws {
        let path = TestPaths.temporaryDirectory("revocations") + "/revocations.sqlite"
        let store = try RevocationStore(path: path)
        try store.revoke("iss|a", tenant: "acme", expiresAt: Date().addingTimeInterval(60))
        try store.revoke("iss|old", tenant: "acme", expiresAt: Date().addingTimeInterval(-1))
        #expect(try store.consume("iss|once", expiresAt: Date().addingTimeInterval(60)))
        let reopened = try RevocationStore(path: path)
        #expect(reopened.isRevoked("iss|a"))
        #expect(!reopened.isRevoked("iss|old"))
        #expect(!reopened.isRevoked("iss|b"))
        #expect(try !reopened.consume("iss|once", expiresAt: Date().addingTimeInterval(60)))
    }
}
