import AgentryCore
import Foundation
import Testing

@testable import Authorization

/// `policy format` and the JSON policy format print policies as written (red-team finding: constants folded at
/// parse time were printed as their values, `is … in` was split into `&&`, `@flag` became `@flag("")`).
@Suite("Policies print as written")
struct WrittenFormTests {
    static let conditions = [
        #"ip("10.0.0.1").isInRange(ip("10.0.0.0/8"))"#,
        #"datetime("2024-01-01").offset(duration("1d")) > datetime("2024-01-01")"#,
        #"decimal("1.0") == decimal("1.00")"#,
        "[1, 1, 2].contains(1)",
        #"principal is User in resource"#,
        #"principal is User in [Group::"g", resource]"#,
        #"[ip("1.2.3.4"), ip("1.2.3.4")].contains(ip("1.2.3.4"))"#,
        #"{ a: decimal("2.50"), b: [duration("90m")] }.a.greaterThan(decimal("2.5"))"#,
    ]

    static func policy(_ condition: String) -> String {
        "@noval\n@id(\"x\")\npermit (\n  principal,\n  action,\n  resource\n)\nwhen { \(condition) };"
    }

    @Test("the formatter prints each condition exactly as written", arguments: conditions)
    func formatterKeepsTheWrittenForm(condition: String) throws {
        let set = try PolicySet(text: Self.policy(condition))
        #expect(set.formatted() == Self.policy(condition) + "\n")
    }

    @Test("a valueless annotation stays valueless in text and is null in JSON")
    func valuelessAnnotation() throws {
        let set = try PolicySet(text: Self.policy("true"))
        #expect(set.formatted().hasPrefix("@noval\n@id(\"x\")\n"))
        let json = try JSONValue.parse(set.jsonText())
        let annotations = json["staticPolicies"]["policy0"]["annotations"]
        #expect(annotations == ["id": "x", "noval": .null])
        // Back from JSON (which orders annotations by key), still valueless; `@e("")` keeps its empty value.
        let again = try PolicySet(jsonText: set.jsonText())
        #expect(again.jsonText() == set.jsonText())
        #expect(again.formatted().hasPrefix("@id(\"x\")\n@noval\n"))
        let empty = try PolicySet(text: #"@e("") permit(principal, action, resource);"#)
        #expect(empty.formatted().hasPrefix(#"@e("")"#))
    }

    @Test("`is … in` is one JSON node with an `in` member")
    func isInJSON() throws {
        let set = try PolicySet(text: Self.policy("principal is User in resource"))
        let conditions = try JSONValue.parse(set.jsonText())["staticPolicies"]["policy0"]["conditions"]
        let body = conditions.arrayValue?.first?["body"]
        let expected: JSONValue = [
            "is": ["left": ["Var": "principal"], "entity_type": "User", "in": ["Var": "resource"]]
        ]
        #expect(body == expected)
    }

    @Test(
        "constants keep evaluating to the same decisions",
        arguments: [
            (#"ip("10.0.0.1").isInRange(ip("10.0.0.0/8"))"#, true),
            (#"decimal("1.0") == decimal("1.00")"#, true),
            (#"datetime("2024-01-01").offset(duration("1d")) == datetime("2024-01-02")"#, true),
            (#"principal is User in resource"#, false),
            (#"principal is User in principal"#, true),
            (#"principal is Other in context.missing"#, false),
        ]
    )
    func decisions(condition: String, allowed: Bool) throws {
        let request = try AuthorizationRequest(
            principal: EntityUID(type: "User", id: "a"),
            action: EntityUID(type: "Action", id: "a"),
            resource: EntityUID(type: "R", id: "r"),
            contextText: "{}"
        )
        for set in [
            try PolicySet(text: Self.policy(condition)),
            try PolicySet(jsonText: PolicySet(text: Self.policy(condition)).jsonText()),
        ] {
            let response = Authorizer().isAuthorized(request, policies: set, entities: .empty)
            #expect((response.decision == .allow) == allowed, "\(condition)")
            #expect(response.errors.isEmpty, "\(condition)")
        }
    }

    @Test("our JSON for these conditions is cedarpy's JSON")
    func sameJSONAsCedar() throws {
        guard let python = PeerPolicyFormatTests.python else {
            print("skipping: cedarpy (.venv) is absent")
            return
        }
        let items: [JSONValue] = Self.conditions.map { condition in
            let text = Self.policy(condition)
            return ["text": .string(text), "ours": "{}", "formatted": .string(text)]
        }
        let results = try PeerPolicyFormatTests.run(python, input: .array(items))
        #expect(results.count == Self.conditions.count)
        for (condition, result) in zip(Self.conditions, results) {
            let cedar = try JSONValue.parse(try #require(result["est"].stringValue))["staticPolicies"]["policy0"]
            let ours = try JSONValue.parse(try PolicySet(text: Self.policy(condition)).jsonText())["staticPolicies"][
                "policy0"
            ]
            #expect(ours["conditions"] == cedar["conditions"], "\(condition)")
            #expect(ours["annotations"] == cedar["annotations"], "\(condition)")
            // And cedar's own formatter agrees with ours on the text.
            #expect(result["formatted"].stringValue?.contains("@noval\n") == true)
        }
    }
}
