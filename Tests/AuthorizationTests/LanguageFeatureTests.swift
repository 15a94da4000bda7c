import Testing

@testable import Authorization

/// Language features the issue names, each checked for its value and its error behaviour.
@Suite("Language features")
struct LanguageFeatureTests {
    @Test(
        "each expression evaluates as the reference engine does",
        arguments: [
            ("!(1 != 1) && 1 != 2 && \"a\" != User::\"a\"", Fixtures.Outcome.value(true)),
            ("principal has address.city", .value(true)),
            ("principal has address.zip", .value(false)),
            ("principal has missing.city", .value(false)),
            ("context has src.x", .error),
            ("principal is User in Group::\"staff\"", .value(true)),
            ("principal is User in Group::\"other\"", .value(false)),
            ("principal is Group in Group::\"staff\"", .value(false)),
            ("context.n is User in Group::\"staff\"", .error),
            ("\"a*b\" like \"a\\*b\" && !(\"axb\" like \"a\\*b\") && \"axb\" like \"a*b\"", .value(true)),
            ("\"\" like \"*\" && \"***\" like \"\\*\\**\"", .value(true)),
            ("context.big + 1 > 0", .error),
            ("-context.big - 2 < 0", .error),
            ("context.big * 2 > 0", .error),
            ("-(-9223372036854775808) == 0", .error),
            ("9223372036854775807 + -9223372036854775808", .value(-1)),
            ("[].isEmpty() && ![1].isEmpty()", .value(true)),
            ("context.n.isEmpty()", .error),
            ("principal.getTag(\"clearance\") == \"high\" && principal.hasTag(\"clearance\")", .value(true)),
            ("principal.hasTag(\"nope\") || User::\"ghost\".hasTag(\"x\")", .value(false)),
            ("principal.getTag(\"nope\")", .error),
            ("User::\"ghost\".getTag(\"x\")", .error),
            ("principal.getTag(1)", .error),
        ]
    )
    func expression(_ text: String, _ expected: Fixtures.Outcome) throws {
        #expect(try Fixtures.evaluate(text) == expected, "\(text)")
    }

    @Test("unless, action lists and action groups decide as Cedar does")
    func scopeAndUnless() throws {
        let set = try PolicySet(
            text: """
                permit(principal, action in [Action::"write", Action::"readOnly"], resource) unless { context.n > 9 };
                permit(principal, action in Action::"write", resource);
                forbid(principal, action == Action::"readOnly", resource);
                permit(principal, action, resource) unless { context.flag };
                """
        )
        let response = Authorizer().isAuthorized(
            try Fixtures.request(),
            policies: set,
            entities: try Fixtures.entities()
        )
        #expect(response.decision == .allow)
        #expect(response.reasons == ["policy0"])
    }

    @Test("an entity hierarchy with a cycle is refused, as Cedar refuses it")
    func cycles() {
        let selfParent = #"[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[{"type":"User","id":"a"}]}]"#
        let loop = """
            [{"uid":{"type":"G","id":"g"},"parents":[{"type":"G","id":"h"}]},
             {"uid":{"type":"G","id":"h"},"parents":[{"type":"G","id":"g"}]},
             {"uid":{"type":"U","id":"u"},"parents":[{"type":"G","id":"g"}]}]
            """
        for text in [selfParent, loop] {
            do {
                _ = try Entities(jsonText: text)
                Issue.record("a cycle must be refused")
            } catch {
                #expect(error.code == "policy.entities_invalid")
                #expect(error.message.hasPrefix("entity hierarchy has a cycle"))
            }
        }
        #expect(throws: Never.self) {
            try Entities(jsonText: #"[{"uid":{"type":"U","id":"u"},"parents":[{"type":"G","id":"g"}]}]"#)
        }
    }
}
