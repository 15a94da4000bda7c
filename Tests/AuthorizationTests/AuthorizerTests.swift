import AgentryCore
import Testing

@testable import Authorization

@Suite("Authorizer")
struct AuthorizerTests {
    func decide(_ text: String, principal: String = "alice") throws -> AuthorizationResponse {
        Authorizer().isAuthorized(
            try Fixtures.request(principal: principal),
            policies: try PolicySet(text: text),
            entities: try Fixtures.entities()
        )
    }

    @Test("with no satisfied policy the answer is deny with no reasons")
    func defaultDeny() throws {
        let response = try decide("permit(principal == User::\"bob\", action, resource);")
        #expect(response.decision == .deny)
        #expect(response.reasons.isEmpty && response.errors.isEmpty)
        #expect(try decide("").decision == .deny)
    }

    @Test("satisfied permits are the reasons for allow")
    func allow() throws {
        let response = try decide(
            """
            permit(principal in Group::"staff", action in [Action::"readOnly"], resource);
            permit(principal, action, resource) when { context.n > 1 };
            permit(principal, action, resource) unless { context.flag };
            """
        )
        #expect(response.decision == .allow)
        #expect(response.reasons == ["policy0", "policy1"])
    }

    @Test("a satisfied forbid overrides permits and is the only reason")
    func forbidWins() throws {
        let response = try decide(
            """
            permit(principal, action, resource);
            forbid(principal is User, action, resource) when { principal.age >= 18 };
            forbid(principal, action, resource) when { false };
            """
        )
        #expect(response.decision == .deny)
        #expect(response.reasons == ["policy1"])
    }

    @Test("an erroring policy is skipped and reported, never decisive")
    func errorsAreSkipped() throws {
        let response = try decide(
            """
            permit(principal, action, resource);
            forbid(principal, action, resource) when { principal.missing == 1 };
            permit(principal, action, resource) when { context.n + 9223372036854775807 > 0 };
            permit(principal, action, resource) when { 1 };
            """
        )
        #expect(response.decision == .allow)
        #expect(response.reasons == ["policy0"])
        #expect(response.erroringPolicyIDs == ["policy1", "policy2", "policy3"])
        #expect(response.errors.map(\.policyID) == ["policy1", "policy2", "policy3"])
    }

    @Test("scope `in` follows the transitive hierarchy and is reflexive")
    func scopeHierarchy() throws {
        #expect(try decide("permit(principal in Group::\"staff\", action, resource);").decision == .allow)
        #expect(try decide("permit(principal in User::\"alice\", action, resource);").decision == .allow)
        #expect(
            try decide("permit(principal in Group::\"staff\", action, resource);", principal: "bob").decision == .deny
        )
        #expect(try decide("permit(principal is User in Group::\"admins\", action, resource);").decision == .allow)
        #expect(try decide("permit(principal, action, resource is Doc);").decision == .allow)
    }

    @Test("entity JSON keeps exact 64-bit integers and reads escapes")
    func entityJSON() throws {
        let entities = try Entities(
            jsonText: """
                [{"uid": {"__entity": {"type": "A::B", "id": "x"}},
                  "attrs": {"big": -9223372036854775808, "when": {"__extn": {"fn": "offset",
                    "args": [{"__extn": {"fn": "datetime", "arg": "1970-01-01"}},
                             {"__extn": {"fn": "duration", "arg": "1s"}}]}}},
                  "parents": []}]
                """
        )
        let entity = try #require(entities[EntityUID(type: "A::B", id: "x")])
        #expect(entity.attributes["big"] == .long(Int64.min))
        #expect(entity.attributes["when"] == .extension(.datetime(1000)))
        #expect(EntityUID(type: "A::B", id: "x\"y").description == #"A::B::"x\"y""#)
    }

    @Test("malformed entity and context JSON is rejected with a coded error")
    func badJSON() {
        #expect(throws: CedarError.self) { try Entities(jsonText: "{}") }
        #expect(throws: CedarError.self) { try Entities(jsonText: "[{\"attrs\": {}}]") }
        #expect(throws: CedarError.self) {
            try Entities(
                jsonText: "[{\"uid\": {\"type\": \"A\", \"id\": \"a\"}}, {\"uid\": {\"type\": \"A\", \"id\": \"a\"}}]"
            )
        }
        #expect(throws: CedarError.self) { try CedarValue(json: ["x": 1.5]) }
        #expect(throws: CedarError.self) { try CedarValue(json: ["x": nil]) }
        #expect(throws: CedarError.self) {
            try AuthorizationRequest(
                principal: EntityUID(type: "U", id: "u"),
                action: EntityUID(type: "Action", id: "a"),
                resource: EntityUID(type: "R", id: "r"),
                context: [1, 2]
            )
        }
    }

    @Test("JSONValue contexts convert to Cedar values")
    func jsonContext() throws {
        let value = try CedarValue(json: [
            "n": 3, "s": "x", "l": [true, false], "e": ["__entity": ["type": "U", "id": "u"]],
        ])
        #expect(
            value
                == .record([
                    "n": .long(3), "s": .string("x"), "l": .set([.bool(true), .bool(false)]),
                    "e": .entity(EntityUID(type: "U", id: "u")),
                ])
        )
    }
}
