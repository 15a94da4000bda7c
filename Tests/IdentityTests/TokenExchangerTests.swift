import AgentryCore
import Foundation
import Identity
import Testing

/// RFC 8693 exchange, including PEER-FAULTS BUG-08 cases (1)-(5).
struct ExchangeFixture {
    static let issuerName = "https://agentry.example.test"
    let key: SigningKey
    let issuer: TokenIssuer
    let verifier: TokenVerifier

    init() throws {
        key = try SigningKey.generate()
        issuer = TokenIssuer(issuer: Self.issuerName, signingKey: key, clock: TestSupport.clock())
        verifier = TokenVerifier(issuers: [issuer.trusted(audiences: ["agentry"])], clock: TestSupport.clock())
    }

    func exchanger(_ configuration: TokenExchanger.Configuration = .init()) -> TokenExchanger {
        let policy = StaticExchangePolicy(targets: ["client-a": ["tool-service-b": ["read", "write"]]])
        return TokenExchanger(
            verifier: verifier,
            issuer: issuer,
            policy: policy,
            configuration: configuration,
            clock: TestSupport.clock()
        )
    }

    func subject(
        aud: String = "client-a",
        tenant: String = "T1",
        scopes: Set<String> = ["read"],
        ttl: TimeInterval = 600,
        act: ActorClaim? = nil,
        sub: String = "user-A"
    ) throws -> String {
        let claims = Claims(sub: sub, aud: [aud], tenantID: tenant, scopes: scopes, act: act, sessionID: "sess-1")
        return try issuer.issue(claims, ttl: ttl)
    }

    func request(
        _ subject: String,
        audience: [String] = ["tool-service-b"],
        scope: String? = "read",
        requestedType: String? = nil,
        actor: String? = nil
    ) -> TokenExchangeRequest {
        TokenExchangeRequest(
            grantType: TokenExchangeRequest.grantType,
            subjectToken: subject,
            subjectTokenType: TokenExchangeRequest.accessTokenType,
            actorToken: actor,
            actorTokenType: actor == nil ? nil : TokenExchangeRequest.accessTokenType,
            audience: audience,
            scope: scope,
            requestedTokenType: requestedType
        )
    }
}

@Suite("TokenExchanger (BUG-08)")
struct TokenExchangerTests {
    @Test("(1) the issued token is for exactly the requested audience, with sub, act, scope and tenant")
    func audienceKept() throws {
        let f = try ExchangeFixture()
        let response = try f.exchanger().exchange(f.request(try f.subject()), clientID: "client-a")
        #expect(response.issuedTokenType == "urn:ietf:params:oauth:token-type:access_token")
        #expect(response.tokenType == "Bearer" && response.expiresIn == 600 && response.scopes == ["read"])
        let issued = try f.verifier.verify(response.accessToken, audiences: ["tool-service-b"])
        #expect(issued.claims.aud == ["tool-service-b"])
        #expect(issued.claims.sub == "user-A" && issued.tenantID == "T1" && issued.claims.sessionID == "sess-1")
        #expect(issued.claims.act == ActorClaim(sub: "client-a"))
        #expect(issued.scopes == ["read"])
        #expect(throws: IdentityError.audienceMismatch) {
            try f.verifier.verify(response.accessToken, audiences: ["client-a"])
        }
        let body = try JSONValue.parse(response.jsonBody)
        #expect(body["issued_token_type"] == "urn:ietf:params:oauth:token-type:access_token")
        #expect(body["token_type"] == "Bearer" && body["scope"] == "read" && body["expires_in"] == 600)
    }

    @Test("(2) an audience the client may not target is invalid_target")
    func untargetable() throws {
        let f = try ExchangeFixture()
        let request = f.request(try f.subject(), audience: ["tool-service-c"])
        #expect(throws: OAuthError(.invalidTarget, "the requested audience may not be targeted")) {
            try f.exchanger().exchange(request, clientID: "client-a")
        }
    }

    @Test("(3) a subject token issued to another client is invalid_request")
    func otherClientsToken() throws {
        let f = try ExchangeFixture()
        let request = f.request(try f.subject(aud: "client-z"))
        #expect(throws: OAuthError(.invalidRequest, "subject token was issued to another client")) {
            try f.exchanger().exchange(request, clientID: "client-a")
        }
    }

    @Test(
        "(4) a requested token type other than access_token is an error",
        arguments: [
            "urn:ietf:params:oauth:token-type:jwt", "urn:ietf:params:oauth:token-type:id_token",
            "urn:ietf:params:oauth:token-type:refresh_token", "",
        ]
    )
    func requestedType(type: String) throws {
        let f = try ExchangeFixture()
        let request = f.request(try f.subject(), requestedType: type)
        #expect(throws: OAuthError(.invalidRequest, "`requested_token_type` is not supported")) {
            try f.exchanger().exchange(request, clientID: "client-a")
        }
    }

    @Test("(5) scope wider than the subject's is cut to the subject's")
    func scopeCut() throws {
        let f = try ExchangeFixture()
        let response = try f.exchanger().exchange(
            f.request(try f.subject(), scope: "read write admin"),
            clientID: "client-a"
        )
        #expect(response.scopes == ["read"])
        #expect(try f.verifier.verify(response.accessToken, audiences: ["tool-service-b"]).scopes == ["read"])
    }

    @Test("(5) scope widening is refused in strict mode, and a scope nobody allows is invalid_scope")
    func scopeRefused() throws {
        let f = try ExchangeFixture()
        let strict = f.exchanger(.init(refuseScopeWidening: true))
        #expect(throws: OAuthError(.invalidScope, "requested scope exceeds the subject token's scope")) {
            try strict.exchange(f.request(try f.subject(), scope: "read write admin"), clientID: "client-a")
        }
        let request = f.request(try f.subject(scopes: ["read", "admin"]), scope: "admin")
        #expect(throws: OAuthError(.invalidScope, "no requested scope can be granted")) {
            try f.exchanger().exchange(request, clientID: "client-a")
        }
    }

    @Test("an actor token from another tenant is refused")
    func crossTenantActor() throws {
        let f = try ExchangeFixture()
        let actor = try f.subject(aud: "agentry", tenant: "T2", sub: "agent:x")
        let request = f.request(try f.subject(), actor: actor)
        #expect(throws: OAuthError(.invalidGrant, "actor token belongs to another tenant")) {
            try f.exchanger().exchange(request, clientID: "client-a")
        }
    }

    @Test("an actor token from the same tenant becomes act, on top of the subject's chain")
    func actorChain() throws {
        let f = try ExchangeFixture()
        let actor = try f.subject(aud: "agentry", sub: "agent:doc-1")
        let subject = try f.subject(act: ActorClaim(sub: "client-0"))
        let response = try f.exchanger().exchange(f.request(subject, actor: actor), clientID: "client-a")
        let issued = try f.verifier.verify(response.accessToken, audiences: ["tool-service-b"])
        #expect(issued.claims.act?.chain == ["agent:doc-1", "client-0"])
    }

    @Test("a chain longer than the configured depth is refused")
    func chainDepth() throws {
        let f = try ExchangeFixture()
        let subject = try f.subject(act: ActorClaim(sub: "b", act: ActorClaim(sub: "c")))
        #expect(throws: OAuthError(.invalidGrant, "delegation chain is too deep")) {
            try f.exchanger(.init(maximumActorDepth: 2)).exchange(f.request(subject), clientID: "client-a")
        }
    }

    @Test("the lifetime never exceeds the subject's remaining life or the configured maximum")
    func lifetime() throws {
        let f = try ExchangeFixture()
        let short = try f.exchanger().exchange(f.request(try f.subject(ttl: 120)), clientID: "client-a")
        #expect(short.expiresIn == 120)
        let capped = try f.exchanger(.init(maximumTTL: 60)).exchange(f.request(try f.subject()), clientID: "client-a")
        #expect(capped.expiresIn == 60)
    }

    @Test("invalid, expired or untrusted subject tokens are invalid_grant")
    func badSubject() throws {
        let f = try ExchangeFixture()
        let stranger = try ExchangeFixture()
        let tokens = [
            "garbage", try stranger.subject(),
            try TestSupport.forge(
                header: #"{"alg":"ES256"}"#,
                payload: #"{"iss":"https://agentry.example.test","sub":"u","aud":"client-a","tenant_id":"T1","exp":1}"#,
                key: f.key
            ),
        ]
        for token in tokens {
            #expect(throws: OAuthError(.invalidGrant, "subject token is invalid")) {
                try f.exchanger().exchange(f.request(token), clientID: "client-a")
            }
        }
    }

    @Test("protocol errors: grant type, client, token types, audience count")
    func protocolErrors() throws {
        let f = try ExchangeFixture()
        let subject = try f.subject()
        var wrongGrant = f.request(subject)
        wrongGrant.grantType = "client_credentials"
        #expect(throws: OAuthError(.unsupportedGrantType, "grant type is not supported")) {
            try f.exchanger().exchange(wrongGrant, clientID: "client-a")
        }
        #expect(throws: OAuthError(.invalidClient, "client is not authenticated")) {
            try f.exchanger().exchange(f.request(subject), clientID: nil)
        }
        var noType = f.request(subject)
        noType.subjectTokenType = nil
        #expect(throws: OAuthError(.invalidRequest, "`subject_token_type` is missing or not supported")) {
            try f.exchanger().exchange(noType, clientID: "client-a")
        }
        #expect(throws: OAuthError(.invalidRequest, "`audience` or `resource` is required")) {
            try f.exchanger().exchange(f.request(subject, audience: []), clientID: "client-a")
        }
        #expect(throws: OAuthError(.invalidTarget, "only one audience may be requested")) {
            try f.exchanger().exchange(
                f.request(subject, audience: ["tool-service-b", "tool-service-c"]),
                clientID: "client-a"
            )
        }
    }

    @Test("errors carry RFC 6749 bodies and statuses, without the token")
    func errorBodies() throws {
        let error = OAuthError(.invalidClient, "client is not authenticated")
        #expect(error.status == 401 && OAuthError(.invalidGrant, "x").status == 400)
        #expect(
            try JSONValue.parse(error.jsonBody) == [
                "error": "invalid_client", "error_description": "client is not authenticated",
            ]
        )
        #expect(error.code == "oauth.invalid_client")
    }

    @Test("form parsing keeps repeated audiences and refuses repeated single parameters")
    func formParsing() throws {
        let request = try TokenExchangeRequest(form: [
            ("grant_type", "g"), ("audience", "a"), ("audience", "b"), ("scope", "read"),
        ])
        #expect(request.audience == ["a", "b"] && request.scope == "read" && request.grantType == "g")
        #expect(throws: OAuthError(.invalidRequest, "a request parameter is repeated")) {
            try TokenExchangeRequest(form: [("subject_token", "a"), ("subject_token", "b")])
        }
    }
}
