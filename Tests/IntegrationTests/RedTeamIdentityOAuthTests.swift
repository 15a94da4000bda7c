import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy
import TestSupport
import Testing

@testable import AgentryServer

/// One Agentry server (the OAuth harness configuration) whose tenant `acme` trusts a static-key ES256 issuer.
actor StaticIssuerHarness {
    struct Running: Sendable {
        let server: AgentryServer
        let key: SigningKey
        let issuer: String
    }

    static let shared = StaticIssuerHarness()
    private var starting: Task<Running, any Error>?

    func start() async throws -> Running {
        if let starting { return try await starting.value }
        let task = Task {
            let key = try SigningKey.generate(.es256)
            let directory = TestPaths.temporaryDirectory("static-issuer")
            let file = directory + "/jwks.json"
            try JWKS(keys: [key.publicJWK]).jsonData().write(to: URL(fileURLWithPath: file))
            let issuer = "https://static-idp.test"
            let server = try await OAuthHarness.launch(trustedJWKS: (issuer, file))
            return Running(server: server, key: key, issuer: issuer)
        }
        starting = task
        return try await task.value
    }
}

@Suite("Red team: OAuth endpoints and token revocation")
struct RedTeamIdentityOAuthTests {
    private func userClaims(_ running: StaticIssuerHarness.Running, user: String) -> [String: JSONValue] {
        [
            "iss": .string(running.issuer), "sub": .string(user), "aud": "agentry", "tenant_id": "acme",
            "scope": "credentials:admin billing:write",
        ]
    }

    @Test("H2: a revoked jti-less ES256 token stays revoked when its signature is re-encoded (s → n − s)")
    func revokedStaysRevokedWhenMalleated() async throws {
        let running = try await StaticIssuerHarness.shared.start()
        let token = try RedTeam.sign(userClaims(running, user: "malleable-" + UUID().uuidString), key: running.key)
        let twin = try RedTeam.malleated(token)
        #expect(twin != token)
        let list = "/identities/credential-providers"
        let endpoint = running.server.endpoint
        // Both encodings are valid before revocation: the malleation is real.
        #expect(try await Caller(endpoint: endpoint, token: token).send("GET", list).status == 200)
        #expect(try await Caller(endpoint: endpoint, token: twin).send("GET", list).status == 200)

        let oauth = OAuthCaller(endpoint: endpoint)
        #expect(try await oauth.post("/oauth2/revoke", [("token", token)], client: "acme-app").status == 200)
        let edge = try await Caller(endpoint: endpoint, token: twin).send("GET", list)
        #expect(edge.status == 401)
        #expect(edge.errorCode == "auth.token_revoked")
        for presented in [token, twin] {
            let reply = try await oauth.post("/oauth2/introspect", [("token", presented)], client: "acme-app")
            #expect(try reply.jsonBody() == ["active": false])
        }
    }

    @Test("H2: a jti-less actor token is good for one exchange, re-encoded or not")
    func actorTokenOnceWhenMalleated() async throws {
        let running = try await StaticIssuerHarness.shared.start()
        let subject = try running.server.platform.identity.issueUserToken(
            tenant: "acme",
            user: "user-actor",
            scopes: ["billing:write"],
            ttl: 300
        )
        let actor = try RedTeam.sign(userClaims(running, user: "agent:actor-" + UUID().uuidString), key: running.key)
        let oauth = OAuthCaller(endpoint: running.server.endpoint)
        let exchange: (String) async throws -> HTTPResponse = { actorToken in
            try await oauth.exchange(
                subject,
                client: "acme-app",
                audience: "billing",
                extra: [("actor_token", actorToken), ("actor_token_type", TokenExchangeRequest.accessTokenType)]
            )
        }
        #expect(try await exchange(actor).status == 200)
        let replay = try await exchange(try RedTeam.malleated(actor))
        #expect(replay.status == 400)
        #expect(replay.oauthError == "invalid_grant")
    }

    @Test("L2: a platform client cannot exchange a tenant user's token addressed to Agentry")
    func platformClientNeedsItsOwnAudience() async throws {
        let server = try await OAuthHarness.shared.start()
        let identity = server.platform.identity
        let user = try identity.issueUserToken(tenant: "acme", user: "u-l2", scopes: ["billing:write"], ttl: 300)
        let oauth = OAuthCaller(endpoint: server.endpoint)
        let refused = try await oauth.exchange(user, client: "platform-svc", audience: "billing")
        #expect(refused.oauthError == "invalid_grant")
        let addressed = try identity.issuer(for: "acme").issue(
            Claims(sub: "u-l2", aud: ["platform-svc"], tenantID: "acme", scopes: ["billing:write"]),
            ttl: 300
        )
        #expect(try await oauth.exchange(addressed, client: "platform-svc", audience: "billing").status == 200)
    }

    @Test("L3: introspection reports an identity provider's token for another audience as inactive")
    func introspectionNeedsAcceptedAudience() async throws {
        let running = try await StaticIssuerHarness.shared.start()
        var claims = userClaims(running, user: "u-l3")
        claims["aud"] = "someone-else"
        let elsewhere = try RedTeam.sign(claims, key: running.key)
        let ours = try RedTeam.sign(userClaims(running, user: "u-l3"), key: running.key)
        let oauth = OAuthCaller(endpoint: running.server.endpoint)
        let inactive = try await oauth.post("/oauth2/introspect", [("token", elsewhere)], client: "acme-app")
        #expect(try inactive.jsonBody() == ["active": false])
        let active = try await oauth.post("/oauth2/introspect", [("token", ours)], client: "acme-app")
        #expect(try active.jsonBody()["active"] == true)
    }

    @Test("L4: the form media type is parsed, and ambiguous client authentication is invalid_request")
    func ambiguousRequests() async throws {
        let server = try await OAuthHarness.shared.start()
        let oauth = OAuthCaller(endpoint: server.endpoint)
        let grant = [("grant_type", "client_credentials"), ("scope", "billing:read")]
        let suffixed = try await oauth.post(
            "/oauth2/token",
            grant,
            client: "acme-cc",
            headers: ["Content-Type": "application/x-www-form-urlencodedXYZ"]
        )
        #expect(suffixed.oauthError == "invalid_request")
        let charset = try await oauth.post(
            "/oauth2/token",
            grant,
            client: "acme-cc",
            headers: ["Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"]
        )
        #expect(charset.status == 200)
        let mismatched = try await oauth.post("/oauth2/token", grant + [("client_id", "acme-app")], client: "acme-cc")
        #expect(mismatched.status == 400)
        #expect(mismatched.oauthError == "invalid_request")

        let basic = { (id: String) in
            "Basic " + Data((id + ":" + OAuthHarness.secret(id)).utf8).base64EncodedString()
        }
        let body = "grant_type=client_credentials&scope=billing%3Aread"
        let request =
            "POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Authorization: \(basic("acme-cc"))\r\nAuthorization: \(basic("acme-app"))\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n" + body
        let raw = RawSocket.exchange(port: RedTeam.port(server.endpoint), request, timeout: 5, until: "}")
        #expect(raw.hasPrefix("HTTP/1.1 400"))
        #expect(raw.contains("invalid_request"))
    }
}
