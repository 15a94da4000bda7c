import Testing

@testable import Authorization

/// Cedar compares strings by code points, so U+00E9 and U+0065 U+0301 differ everywhere (cedar-findings F2).
@Suite("Strings compare by code points")
struct UnicodeEqualityTests {
    static let entitiesJSON = """
        [{"uid": {"type": "User", "id": "\\u00e9"}, "attrs": {"\\u00e9": 1},
          "parents": [{"type": "Group", "id": "\\u00e9"}], "tags": {"\\u00e9": "x"}}]
        """

    /// Decides one condition (or scope) for principal User::"é" (U+00E9) with context {"é": 1}.
    static func decide(_ policy: String) throws -> AuthorizationResponse {
        let request = try AuthorizationRequest(
            principal: EntityUID(type: "User", id: "\u{e9}"),
            action: EntityUID(type: "Action", id: "a"),
            resource: EntityUID(type: "R", id: "r"),
            contextText: #"{"\u00e9": 1}"#
        )
        return Authorizer().isAuthorized(
            request,
            policies: try PolicySet(text: policy),
            entities: try Entities(jsonText: entitiesJSON)
        )
    }

    @Test(
        "canonically equivalent but different strings are different values, ids, keys and tags",
        arguments: [
            (#"when { principal.getTag("e\u{301}") == "x" }"#, "deny", true),
            (#"when { principal.hasTag("e\u{301}") }"#, "deny", false),
            (#"when { "\u{e9}" == "e\u{301}" }"#, "deny", false),
            (#"when { "\u{e9}" != "e\u{301}" }"#, "allow", false),
            (#"when { principal has "e\u{301}" }"#, "deny", false),
            (#"when { principal["e\u{301}"] == 1 }"#, "deny", true),
            (#"when { context["e\u{301}"] == 1 }"#, "deny", true),
            (#"when { ["\u{e9}"].contains("e\u{301}") }"#, "deny", false),
            (#"when { {"\u{e9}": 1} == {"e\u{301}": 1} }"#, "deny", false),
            (#"when { User::"\u{e9}" == User::"e\u{301}" }"#, "deny", false),
            (#"when { {"\u{e9}": 1, "e\u{301}": 2} has "\u{e9}" }"#, "allow", false),
            (#"when { principal.getTag("\u{e9}") == "x" && principal["\u{e9}"] == 1 }"#, "allow", false),
        ]
    )
    func condition(_ condition: String, _ decision: String, _ errors: Bool) throws {
        let response = try Self.decide("permit(principal, action, resource) \(condition);")
        #expect(response.decision.rawValue == decision)
        #expect(response.errors.isEmpty != errors)
    }

    @Test("a scope naming the decomposed id does not match the composed principal")
    func scopes() throws {
        #expect(try Self.decide(#"permit(principal == User::"e\u{301}", action, resource);"#).decision == .deny)
        #expect(try Self.decide(#"permit(principal in Group::"e\u{301}", action, resource);"#).decision == .deny)
        #expect(try Self.decide(#"permit(principal in Group::"\u{e9}", action, resource);"#).decision == .allow)
    }

    @Test("a map may hold two canonically equivalent keys, each with its own value")
    func equivalentKeys() throws {
        let entities = try Entities(
            jsonText: #"[{"uid": {"type": "U", "id": "u"}, "tags": {"\u00e9": 1, "e\u0301": 2}, "attrs": {}}]"#
        )
        let uid = EntityUID(type: "U", id: "u")
        #expect(entities[uid]?.tags.count == 2)
        #expect(entities[uid]?.tags.codePointValue(forKey: "\u{e9}") == .long(1))
        #expect(entities[uid]?.tags.codePointValue(forKey: "e\u{301}") == .long(2))
        #expect(throws: CedarError.self) {
            try Entities(jsonText: #"[{"uid": {"type": "U", "id": "u"}, "tags": {"a": 1, "a": 2}}]"#)
        }
        let record = #"{"\u{e9}": 1, "e\u{301}": 2}"#
        #expect(try Fixtures.evaluate("\(record)[\"e\\u{301}\"] == 2 && \(record)[\"\\u{e9}\"] == 1") == .value(true))
        #expect(try Fixtures.evaluate("\(record) == {\"e\\u{301}\": 2, \"\\u{e9}\": 1}") == .value(true))
        #expect(try Fixtures.evaluate("\(record) == {\"e\\u{301}\": 1, \"\\u{e9}\": 2}") == .value(false))
    }
}
