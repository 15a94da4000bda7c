import AgentryCore
import Foundation
import Identity
import Testing

@Suite("TokenVerifier accepts")
struct TokenVerifierAcceptanceTests {
    @Test("an issued token round-trips with every claim intact")
    func roundTrip() throws {
        let fixture = try Fixture()
        let claims = Claims(
            sub: "user-A",
            aud: ["api", "other"],
            tenantID: "t1",
            scopes: ["read", "write"],
            act: ActorClaim(sub: "agent:a1", act: ActorClaim(sub: "client-a")),
            sessionID: "s-1",
            clientID: "client-a",
            extra: ["email": "a@example.test"]
        )
        let token = try fixture.issuer.issue(claims, ttl: 300)
        let verified = try fixture.verifier.verify(token)
        #expect(verified.claims.sub == "user-A")
        #expect(verified.claims.aud == ["api", "other"])
        #expect(verified.claims.scopes == ["read", "write"])
        #expect(verified.claims.act?.chain == ["agent:a1", "client-a"])
        #expect(verified.claims.sessionID == "s-1" && verified.claims.clientID == "client-a")
        #expect(verified.claims.extra["email"] == .string("a@example.test"))
        #expect(verified.tenantID == "t1" && verified.issuer == Fixture.issuerName)
        #expect(verified.keyID == fixture.key.kid && verified.algorithm == .es256)
        #expect(verified.expiresAt == TestSupport.now.addingTimeInterval(300))
        #expect(verified.claims.jti?.isEmpty == false)
    }

    @Test("the issued header is exactly alg ES256, typ JWT and the key's kid")
    func header() throws {
        let fixture = try Fixture()
        let jws = try CompactJWS(parsing: try fixture.issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 60))
        #expect(jws.header == ["alg": "ES256", "typ": "JWT", "kid": .string(fixture.key.kid)])
    }

    @Test("typ may be absent, JWT or at+jwt", arguments: [nil, "JWT", "at+jwt", "application/at+jwt", "jwt"])
    func acceptedTypes(typ: String?) throws {
        let fixture = try Fixture()
        let header = typ.map { #"{"alg":"ES256","typ":"\#($0)"}"# } ?? #"{"alg":"ES256"}"#
        _ = try fixture.verifier.verify(try fixture.forge(header: header, payload: fixture.payload()))
    }

    @Test("a token expired less than the clock skew ago still verifies")
    func withinSkew() throws {
        let fixture = try Fixture(offset: 630)
        _ = try fixture.verifier.verify(try fixture.forge(payload: fixture.payload()))
    }

    @Test("an explicit audience set replaces the issuer's configured one")
    func audienceOverride() throws {
        let fixture = try Fixture()
        let token = try fixture.issuer.issue(Claims(sub: "u", aud: ["tool-b"]), ttl: 60)
        #expect(throws: IdentityError.audienceMismatch) { try fixture.verifier.verify(token) }
        #expect(try fixture.verifier.verify(token, audiences: ["tool-b"]).claims.aud == ["tool-b"])
    }

    @Test("issuing refuses lifetimes that are zero, negative or above the maximum", arguments: [0, -5, 86_401])
    func badTTL(ttl: Double) throws {
        let fixture = try Fixture()
        #expect(throws: IdentityError.self) { try fixture.issuer.issue(Claims(sub: "u"), ttl: ttl) }
    }
}

@Suite("TokenVerifier rejects")
struct TokenVerifierRejectionTests {
    @Test("a token whose payload was altered after signing")
    func tamperedPayload() throws {
        let fixture = try Fixture()
        let token = try fixture.issuer.issue(Claims(sub: "user-A", aud: ["api"], scopes: ["read"]), ttl: 60)
        var parts = token.split(separator: ".").map(String.init)
        var claims = try JSONValue.parse(try Base64URL.decode(parts[1])).objectValue ?? [:]
        claims["scope"] = "read admin"
        parts[1] = Base64URL.encode(JSONValue.object(claims).serialized())
        #expect(throws: IdentityError.signatureInvalid) { try fixture.verifier.verify(parts.joined(separator: ".")) }
    }

    @Test("a token signed by a key the issuer does not have")
    func foreignKey() throws {
        let fixture = try Fixture()
        let attacker = try SigningKey.generate()
        let token = try TestSupport.forge(header: #"{"alg":"ES256"}"#, payload: fixture.payload(), key: attacker)
        #expect(throws: IdentityError.signatureInvalid) { try fixture.verifier.verify(token) }
    }

    @Test("an expired token")
    func expired() throws {
        let fixture = try Fixture(offset: 661)
        #expect(throws: IdentityError.tokenExpired) {
            try fixture.verifier.verify(try fixture.forge(payload: fixture.payload()))
        }
    }

    @Test("a token without exp")
    func missingExp() throws {
        let fixture = try Fixture()
        let token = try fixture.forge(payload: fixture.payload(removing: ["exp"]))
        #expect(throws: IdentityError.claimMissing("exp")) { try fixture.verifier.verify(token) }
    }

    @Test("a token whose nbf or iat is beyond the clock skew in the future", arguments: ["nbf", "iat"])
    func notYetValid(claim: String) throws {
        let fixture = try Fixture()
        let future = JSONValue.number(TestSupport.now.timeIntervalSince1970 + 120)
        let token = try fixture.forge(payload: fixture.payload([claim: future]))
        #expect(throws: IdentityError.tokenNotYetValid) { try fixture.verifier.verify(token) }
    }

    @Test("a token addressed to another audience, or to none", arguments: [JSONValue.string("other"), [], nil])
    func wrongAudience(aud: JSONValue?) throws {
        let fixture = try Fixture()
        let payload = aud.map { fixture.payload(["aud": $0]) } ?? fixture.payload(removing: ["aud"])
        #expect(throws: IdentityError.audienceMismatch) {
            try fixture.verifier.verify(try fixture.forge(payload: payload))
        }
    }

    @Test(
        "alg none, HS256 and any algorithm outside the allow-list",
        arguments: ["none", "HS256", "HS512", "ES384", "RS256", "es256", "ES256 "]
    )
    func algorithms(alg: String) throws {
        let fixture = try Fixture()
        let token = try fixture.forge(header: #"{"alg":"\#(alg)"}"#, payload: fixture.payload())
        #expect(throws: IdentityError.algorithmNotAllowed) { try fixture.verifier.verify(token) }
    }

    @Test("an unsigned alg none token with an empty signature")
    func unsignedNone() throws {
        let fixture = try Fixture()
        let token =
            Base64URL.encode(Data(#"{"alg":"none"}"#.utf8)) + "." + Base64URL.encode(Data(fixture.payload().utf8)) + "."
        #expect(throws: IdentityError.self) { try fixture.verifier.verify(token) }
    }

    @Test("an HS256 token keyed with the issuer's public JWK (key confusion)")
    func keyConfusion() throws {
        let fixture = try Fixture()
        let header = Base64URL.encode(Data(#"{"alg":"HS256"}"#.utf8))
        let token =
            header + "." + Base64URL.encode(Data(fixture.payload().utf8)) + "." + Base64URL.encode(Data(count: 32))
        #expect(throws: IdentityError.algorithmNotAllowed) { try fixture.verifier.verify(token) }
    }

    @Test(
        "any crit header, even one naming a registered parameter",
        arguments: [#"["b64"]"#, #"["exp"]"#, "[]", #""kid""#]
    )
    func crit(value: String) throws {
        let fixture = try Fixture()
        let token = try fixture.forge(
            header: #"{"alg":"ES256","crit":\#(value),"b64":true,"exp":1}"#,
            payload: fixture.payload()
        )
        #expect(throws: IdentityError.headerUnsupported) { try fixture.verifier.verify(token) }
    }

    @Test("a typ other than JWT or at+jwt", arguments: [#""JOSE""#, #""secevent+jwt""#, #""id_token""#, "1"])
    func wrongType(typ: String) throws {
        let fixture = try Fixture()
        let token = try fixture.forge(header: #"{"alg":"ES256","typ":\#(typ)}"#, payload: fixture.payload())
        #expect(throws: IdentityError.typeUnsupported) { try fixture.verifier.verify(token) }
    }

    @Test("a token carrying its own key in jwk, jku, x5u or x5c", arguments: ["jwk", "jku", "x5u", "x5c"])
    func embeddedKeys(parameter: String) throws {
        let fixture = try Fixture()
        let attacker = try SigningKey.generate()
        let jwk = String(decoding: try JSONEncoder().encode(attacker.publicJWK), as: UTF8.self)
        let values = [
            "jwk": jwk, "jku": #""https://evil.example.test/jwks""#, "x5u": #""https://evil.example.test/c""#,
            "x5c": #"["MIIB"]"#,
        ]
        let header = #"{"alg":"ES256","kid":"\#(attacker.kid)","\#(parameter)":\#(values[parameter] ?? "null")}"#
        let token = try TestSupport.forge(header: header, payload: fixture.payload(), key: attacker)
        #expect(throws: IdentityError.keyNotFound) { try fixture.verifier.verify(token) }
        let noKid = try TestSupport.forge(
            header: #"{"alg":"ES256","\#(parameter)":\#(values[parameter] ?? "null")}"#,
            payload: fixture.payload(),
            key: attacker
        )
        #expect(throws: IdentityError.signatureInvalid) { try fixture.verifier.verify(noKid) }
    }

    @Test("a kid the issuer does not know")
    func unknownKid() throws {
        let fixture = try Fixture()
        let token = try fixture.forge(header: #"{"alg":"ES256","kid":"nope"}"#, payload: fixture.payload())
        #expect(throws: IdentityError.keyNotFound) { try fixture.verifier.verify(token) }
    }

    @Test(
        "duplicate members in the header or the payload, however spelled",
        arguments: [
            (#"{"alg":"ES256","alg":"none"}"#, nil),
            (#"{"alg":"ES256"}"#, #"{"iss":"https://agentry.example.test","iss":"x","aud":"api","exp":9999999999}"#),
            (
                #"{"alg":"ES256"}"#,
                #"{"iss":"https://agentry.example.test","\u0069ss":"x","aud":"api","exp":9999999999}"#
            ),
            (
                #"{"alg":"ES256"}"#,
                #"{"iss":"https://agentry.example.test","aud":"api","exp":9999999999,"act":{"sub":"a","sub":"b"}}"#
            ),
        ] as [(String, String?)]
    )
    func duplicates(header: String, payload: String?) throws {
        let fixture = try Fixture()
        let token = try fixture.forge(header: header, payload: payload ?? fixture.payload())
        #expect(
            throws: IdentityError.tokenMalformed(
                "token \(payload == nil ? "header" : "payload") is not valid JSON or repeats a member"
            )
        ) {
            try fixture.verifier.verify(token)
        }
    }

    @Test(
        "structurally malformed tokens",
        arguments: [
            "", "a.b", "a.b.c.d", "e30.e30.", ".e30.AA", "e30=.e30.AA", "not a token",
            String(repeating: "A", count: 20_000),
        ]
    )
    func malformed(token: String) throws {
        let fixture = try Fixture()
        #expect(throws: IdentityError.self) { try fixture.verifier.verify(token) }
    }

    @Test(
        "a payload that is not a JSON object or has wrongly typed claims",
        arguments: [
            "[]", "\"x\"", #"{"iss":"https://agentry.example.test","aud":"api","exp":"soon"}"#,
            #"{"iss":"https://agentry.example.test","aud":[1],"exp":9999999999}"#,
            #"{"iss":"https://agentry.example.test","aud":"api","exp":9999999999,"scope":["a"]}"#,
        ]
    )
    func badPayload(payload: String) throws {
        let fixture = try Fixture()
        let token = try fixture.forge(payload: payload)
        #expect(throws: IdentityError.self) { try fixture.verifier.verify(token) }
    }

    @Test("an all-zero 64-byte signature on a well-formed token (CVE-2022-21449)")
    func zeroSignature() throws {
        let fixture = try Fixture()
        let token = try fixture.issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 60)
        let parts = token.split(separator: ".")
        let forged = parts[0] + "." + parts[1] + "." + Base64URL.encode(Data(count: 64))
        #expect(throws: IdentityError.signatureInvalid) { try fixture.verifier.verify(String(forged)) }
    }

    @Test("a token whose tenant_id contradicts its issuer's tenant")
    func tenantMismatch() throws {
        let fixture = try Fixture(tenantID: "t1")
        let token = try fixture.forge(payload: fixture.payload(["tenant_id": "t2"]))
        #expect(throws: IdentityError.tenantMismatch) { try fixture.verifier.verify(token) }
        let own = try fixture.verifier.verify(try fixture.forge(payload: fixture.payload()))
        #expect(own.tenantID == "t1")
    }

    @Test("clock skew is bounded to five minutes whatever is configured")
    func skewBounded() throws {
        let key = try SigningKey.generate()
        let issuer = TokenIssuer(issuer: Fixture.issuerName, signingKey: key, clock: TestSupport.clock())
        let verifier = TokenVerifier(
            issuers: [issuer.trusted(audiences: ["api"])],
            clockSkew: 86_400,
            clock: TestSupport.clock(3600)
        )
        #expect(verifier.clockSkew == 300)
        #expect(throws: IdentityError.tokenExpired) {
            try verifier.verify(try issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 600))
        }
    }

    @Test("error descriptions never echo the token or its claims")
    func messagesAreClean() throws {
        let fixture = try Fixture(offset: 10_000)
        let token = try fixture.forge(payload: fixture.payload(["sub": "secret-user-42"]))
        do {
            _ = try fixture.verifier.verify(token)
            Issue.record("expired token verified")
        } catch let error as IdentityError {
            #expect(error.status == 401)
            for part in token.split(separator: ".") { #expect(!error.description.contains(part)) }
            #expect(!error.description.contains("secret-user-42"))
        }
    }
}
