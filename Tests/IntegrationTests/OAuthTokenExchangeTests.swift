import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy
import Testing

@testable import AgentryServer

/// `POST /oauth2/token`: both grants, narrowing, the `act` chain, and the RFC 6749 §5.2 error for each refusal.
@Suite("OAuth token endpoint")
struct OAuthTokenExchangeTests {
    private func setUp() async throws -> (AgentryServer, OAuthCaller) {
        let server = try await OAuthHarness.shared.start()
        return (server, OAuthCaller(endpoint: server.endpoint))
    }

    private func user(
        _ server: AgentryServer,
        tenant: String = "acme",
        scopes: Set<String>,
        ttl: TimeInterval = 600
    )
        throws -> String
    {
        try server.platform.identity.issueUserToken(tenant: tenant, user: "alice", scopes: scopes, ttl: ttl)
    }

    @Test("an exchange narrows scope to subject ∩ requested ∩ allowed, keeps sub and tenant, records the client")
    func exchangeNarrows() async throws {
        let (server, oauth) = try await setUp()
        let subject = try user(server, scopes: ["billing:write", "billing:read", "docs:read"])
        let reply = try await oauth.exchange(subject, client: "acme-app", audience: "billing", scope: "billing:write")
        #expect(reply.status == 200)
        let body = try reply.jsonBody()
        #expect(body["issued_token_type"] == .string(TokenExchangeRequest.accessTokenType))
        #expect(body["token_type"] == "Bearer")
        let claims = try payload(of: reply.accessToken)
        #expect(claims["scope"] == "billing:write")
        #expect(claims["aud"] == "billing")
        #expect(claims["sub"] == "alice")
        #expect(claims["tenant_id"] == "acme")
        #expect(claims["act"] == ["sub": "acme-app"])
        let verified = try server.platform.identity.verifyAnyAudience(reply.accessToken)
        #expect(verified.scopes == ["billing:write"])
    }

    @Test("asking for a scope the subject lacks is invalid_scope, never a wider token")
    func wideningRefused() async throws {
        let (server, oauth) = try await setUp()
        let subject = try user(server, scopes: ["billing:read"])
        let reply = try await oauth.exchange(subject, client: "acme-app", audience: "billing", scope: "billing:write")
        #expect(reply.status == 400)
        #expect(reply.oauthError == "invalid_scope")
        let beyondPolicy = try user(server, scopes: ["billing:read", "admin"])
        let refused = try await oauth.exchange(beyondPolicy, client: "acme-app", audience: "billing", scope: "admin")
        #expect(refused.oauthError == "invalid_scope")
    }

    @Test("the issued token never outlives its subject")
    func lifetimeCapped() async throws {
        let (server, oauth) = try await setUp()
        let subject = try user(server, scopes: ["billing:write"], ttl: 30)
        let reply = try await oauth.exchange(subject, client: "acme-app", audience: "billing")
        #expect(reply.status == 200)
        let subjectExp = try #require(try payload(of: subject)["exp"].numberValue)
        let issuedExp = try #require(try payload(of: reply.accessToken)["exp"].numberValue)
        #expect(issuedExp <= subjectExp)
        #expect((try reply.jsonBody()["expires_in"].numberValue ?? 999) <= 30)
    }

    @Test("the act claim nests each actor, and a chain deeper than configured is invalid_grant")
    func chainDepth() async throws {
        let (server, oauth) = try await setUp()
        let subject = try user(server, scopes: ["billing:write"])
        let first = try await oauth.exchange(subject, client: "acme-app", audience: "acme-svc")
        #expect(first.status == 200)
        let second = try await oauth.exchange(first.accessToken, client: "acme-svc", audience: "acme-deep")
        #expect(second.status == 200)
        #expect(try payload(of: second.accessToken)["act"] == ["sub": "acme-svc", "act": ["sub": "acme-app"]])
        let third = try await oauth.exchange(second.accessToken, client: "acme-deep", audience: "billing")
        #expect(third.status == 400)
        #expect(third.oauthError == "invalid_grant")
    }

    @Test("a tenant's client cannot exchange another tenant's token; a subject and actor must share a tenant")
    func crossTenantRefused() async throws {
        let (server, oauth) = try await setUp()
        let globexUser = try user(server, tenant: "globex", scopes: ["billing:write"])
        let reply = try await oauth.exchange(globexUser, client: "acme-app", audience: "billing")
        #expect(reply.status == 400)
        #expect(reply.oauthError == "invalid_grant")
        let acmeUser = try user(server, scopes: ["billing:write"])
        let mixed = try await oauth.exchange(
            acmeUser,
            client: "platform-svc",
            audience: "billing",
            extra: [("actor_token", globexUser), ("actor_token_type", TokenExchangeRequest.accessTokenType)]
        )
        #expect(mixed.oauthError == "invalid_grant")
    }

    @Test("client_credentials issues a token for the client in its tenant, within its targets")
    func clientCredentials() async throws {
        let (_, oauth) = try await setUp()
        let reply = try await oauth.post(
            "/oauth2/token",
            [("grant_type", "client_credentials"), ("scope", "billing:read")],
            client: "acme-cc"
        )
        #expect(reply.status == 200)
        let claims = try payload(of: reply.accessToken)
        #expect(claims["sub"] == "acme-cc")
        #expect(claims["client_id"] == "acme-cc")
        #expect(claims["tenant_id"] == "acme")
        #expect(claims["aud"] == "billing")
        let wider = try await oauth.post(
            "/oauth2/token",
            [("grant_type", "client_credentials"), ("scope", "billing:write")],
            client: "acme-cc"
        )
        #expect(wider.oauthError == "invalid_scope")
        let platform = try await oauth.post(
            "/oauth2/token",
            [("grant_type", "client_credentials"), ("audience", "agentry")],
            client: "acme-app"
        )
        #expect(platform.oauthError == "invalid_target")
    }

    @Test("client_secret_post works for a client allowed it, and Basic is refused for that client")
    func clientSecretPost() async throws {
        let (server, oauth) = try await setUp()
        let subject = try user(server, scopes: ["billing:write"])
        let fields = [
            ("grant_type", OAuthClientConfig.tokenExchangeGrant), ("subject_token", subject),
            ("subject_token_type", TokenExchangeRequest.accessTokenType), ("audience", "billing"),
        ]
        let posted = try await oauth.post("/oauth2/token", fields, client: "acme-post", basic: false)
        #expect(posted.status == 200)
        let basic = try await oauth.post("/oauth2/token", fields, client: "acme-post", basic: true)
        #expect(basic.status == 401)
        #expect(basic.oauthError == "invalid_client")
    }

    @Test("each refusal answers its RFC 6749 error", arguments: ErrorCase.all)
    func errorCodes(_ errorCase: ErrorCase) async throws {
        let (server, oauth) = try await setUp()
        let subject = try user(server, scopes: ["billing:write"])
        let reply = try await errorCase.send(oauth, subject)
        #expect(reply.oauthError == errorCase.error, "\(errorCase.name)")
        #expect(reply.status == (errorCase.error == "invalid_client" ? 401 : 400), "\(errorCase.name)")
        #expect(reply.headers["cache-control"] == "no-store")
        if errorCase.error == "invalid_client" {
            #expect(reply.headers["www-authenticate"]?.hasPrefix("Basic") == true)
        }
        #expect(!reply.body.isEmpty && !String(decoding: reply.body, as: UTF8.self).contains(subject))
    }
}

/// One malformed or refused token request and the error it must produce.
struct ErrorCase: Sendable, CustomStringConvertible {
    let name: String
    let error: String
    let send: @Sendable (OAuthCaller, String) async throws -> HTTPResponse
    var description: String { name }

    static let exchange = OAuthClientConfig.tokenExchangeGrant
    static let access = TokenExchangeRequest.accessTokenType

    static let all: [ErrorCase] = [
        ErrorCase(name: "no client authentication", error: "invalid_client") { oauth, subject in
            try await oauth.post("/oauth2/token", [("grant_type", exchange), ("subject_token", subject)])
        },
        ErrorCase(name: "wrong secret", error: "invalid_client") { oauth, _ in
            try await oauth.post(
                "/oauth2/token",
                [("grant_type", "client_credentials")],
                headers: ["Authorization": "Basic " + Data("acme-cc:wrong".utf8).base64EncodedString()]
            )
        },
        ErrorCase(name: "unknown grant type", error: "unsupported_grant_type") { oauth, _ in
            try await oauth.post("/oauth2/token", [("grant_type", "password")], client: "acme-app")
        },
        ErrorCase(name: "grant the client may not use", error: "unauthorized_client") { oauth, subject in
            try await oauth.exchange(subject, client: "acme-cc", audience: "billing")
        },
        ErrorCase(name: "missing subject token type", error: "invalid_request") { oauth, subject in
            try await oauth.post(
                "/oauth2/token",
                [("grant_type", exchange), ("subject_token", subject), ("audience", "billing")],
                client: "acme-app"
            )
        },
        ErrorCase(name: "repeated parameter", error: "invalid_request") { oauth, subject in
            try await oauth.exchange(
                subject,
                client: "acme-app",
                audience: "billing",
                scope: "billing:write",
                extra: [("scope", "billing:write")]
            )
        },
        ErrorCase(name: "forged subject token", error: "invalid_grant") { oauth, subject in
            try await oauth.exchange(String(subject.dropLast(4)) + "AAAA", client: "acme-app", audience: "billing")
        },
        ErrorCase(name: "audience not allowed", error: "invalid_target") { oauth, subject in
            try await oauth.exchange(subject, client: "acme-app", audience: "payroll")
        },
        ErrorCase(name: "two audiences", error: "invalid_target") { oauth, subject in
            try await oauth.exchange(subject, client: "acme-app", audience: "billing", extra: [("resource", "x")])
        },
        ErrorCase(name: "scope beyond the subject", error: "invalid_scope") { oauth, subject in
            try await oauth.exchange(subject, client: "acme-app", audience: "billing", scope: "billing:read")
        },
        ErrorCase(name: "unsupported requested token type", error: "invalid_request") { oauth, subject in
            try await oauth.exchange(
                subject,
                client: "acme-app",
                audience: "billing",
                extra: [("requested_token_type", "urn:ietf:params:oauth:token-type:saml2")]
            )
        },
    ]
}
