import AgentryCore
import Testing

@testable import Authorization

@Suite("JSON requests and responses")
struct RequestJSONTests {
    @Test("entity references may be objects, __entity escapes or literal text")
    func entityForms() throws {
        let request = try AuthorizationRequest(
            jsonText: """
                {"principal": {"type": "User", "id": "alice"}, "action": "Action::\\"read\\"",
                 "resource": {"__entity": {"type": "NS::Doc", "id": "d\\"1"}},
                 "context": {"n": 9223372036854775807, "ip": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}}}}
                """
        )
        #expect(request.principal == EntityUID(type: "User", id: "alice"))
        #expect(request.action == EntityUID(type: "Action", id: "read"))
        #expect(request.resource == EntityUID(type: "NS::Doc", id: "d\"1"))
        #expect(request.context["n"] == .long(.max))
        #expect(EntityUID(literal: "A::B::\"x\\\\y\"") == EntityUID(type: "A::B", id: "x\\y"))
        #expect(EntityUID(literal: "A::\"x\" extra") == nil)
    }

    @Test("context is optional and a JSONValue request reads the same way")
    func jsonValue() throws {
        let value: JSONValue = ["principal": "User::\"a\"", "action": "Action::\"r\"", "resource": "Doc::\"d\""]
        let request = try AuthorizationRequest(json: value)
        #expect(request.context.isEmpty)
        #expect(request.resource.id == "d")
    }

    @Test(
        "malformed requests are refused",
        arguments: [
            #"{"action": "Action::\"r\"", "resource": "Doc::\"d\""}"#,
            #"{"principal": "User", "action": "Action::\"r\"", "resource": "Doc::\"d\""}"#,
            #"{"principal": "User::\"a\"", "action": "Action::\"r\"", "resource": "Doc::\"d\"", "context": [1]}"#,
            #"{"principal": "User::\"a\"", "action": "Action::\"r\"", "resource": "Doc::\"d\"", "context": {"x": 1.5}}"#,
            "[1]",
        ]
    )
    func malformed(_ text: String) {
        #expect(throws: CedarError.self) { try AuthorizationRequest(jsonText: text) }
    }

    @Test("the response JSON carries the decision, sorted reasons and per-policy errors")
    func response() throws {
        let set = try PolicySet(
            text: """
                permit(principal, action, resource);
                permit(principal, action, resource) when { principal.missing };
                permit(principal, action, resource) when { true };
                """
        )
        let request = try AuthorizationRequest(
            jsonText: #"{"principal": "User::\"alice\"", "action": "Action::\"read\"", "resource": "Doc::\"d\""}"#
        )
        let response = Authorizer().isAuthorized(request, policies: set, entities: try Fixtures.entities())
        #expect(
            response.jsonText()
                == #"{"decision":"allow","diagnostics":{"reason":["policy0","policy2"],"errors":[{"policyId":"policy1","#
                + #""error":{"message":"entity of type `User` does not have the attribute `missing`"}}]}}"#
        )
        #expect(response.json["decision"] == "allow")
        #expect(response.json["diagnostics"]["errors"].arrayValue?.count == 1)
    }
}
