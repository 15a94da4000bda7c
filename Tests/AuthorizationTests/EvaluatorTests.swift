import Testing

@testable import Authorization

@Suite("Evaluator")
struct EvaluatorTests {
    /// Expressions whose value is a boolean, checked against the reference engine (cedarpy 4.x).
    static let truths: [(String, Bool)] = [
        ("1 + 2 * 3 == 7", true),
        ("-9223372036854775808 < 0", true),
        ("- -1 == 1", true),
        ("10 - 3 >= 7", true),
        ("1 != 2", true),
        ("\"a\" == \"a\"", true),
        ("1 == \"1\"", false),
        ("User::\"alice\" == User::\"alice\"", true),
        ("[1, 2] == [2, 1, 1]", true),
        ("{a: 1, \"b c\": 2} == {\"b c\": 2, a: 1}", true),
        ("principal in Group::\"staff\"", true),
        ("principal in Group::\"nobody\"", false),
        ("principal in principal", true),
        ("principal in [Group::\"x\", Group::\"admins\"]", true),
        ("resource in resource", true),
        ("resource in Group::\"staff\"", false),
        ("action in Action::\"readOnly\"", true),
        ("principal has name", true),
        ("principal has \"missing\"", false),
        ("resource has name", false),
        ("principal has address.city", true),
        ("principal has address.zip", false),
        ("context has n", true),
        ("principal.name like \"al*\"", true),
        ("\"a*b\" like \"a\\*b\"", true),
        ("\"axb\" like \"a\\*b\"", false),
        ("\"a\\\\b\" like \"a\\\\*\"", true),
        ("\"\" like \"*\"", true),
        ("\"abcabd\" like \"*ab?\" || \"abcabd\" like \"*abd\"", true),
        ("principal is User", true),
        ("principal is Group", false),
        ("principal is User in Group::\"staff\"", true),
        ("principal.labels.contains(\"a\")", true),
        ("principal.labels.containsAll([\"a\", \"b\"])", true),
        ("principal.labels.containsAny([\"z\"])", false),
        ("[].isEmpty()", true),
        ("principal.address[\"city\"] == \"Paris\"", true),
        ("principal.manager == User::\"bob\"", true),
        ("principal.hasTag(\"clearance\")", true),
        ("resource.hasTag(\"clearance\")", false),
        ("principal.getTag(\"clearance\") == \"high\"", true),
        ("true || 1", true),
        ("false && 1", false),
        ("if context.flag then true else 1", true),
        ("!(1 == 2)", true),
        ("!!!!true", true),
        ("context.big == 9223372036854775807", true),
    ]

    @Test("operators give Cedar's values", arguments: truths)
    func truth(_ text: String, _ expected: Bool) throws {
        #expect(try Fixtures.evaluate(text) == .value(.bool(expected)), "\(text)")
    }

    /// Expressions that must raise an evaluation error.
    static let failures: [String] = [
        "9223372036854775807 + 1",
        "-9223372036854775808 - 1",
        "9223372036854775807 * 2",
        "-(-9223372036854775808)",
        "--9223372036854775808",
        "1 + \"a\"",
        "1 < \"a\"",
        "decimal(\"1.0\") < decimal(\"2.0\")",
        "!1",
        "-true",
        "1 && true",
        "true && 1",
        "false || 1",
        "if 1 then true else false",
        "1 in [1]",
        "principal in [1]",
        "principal in 1",
        "1 has a",
        "1 like \"a\"",
        "1 is User",
        "principal.missing",
        "resource.name",
        "context.nothing",
        "context[\"nothing\"]",
        "{\"a\": 1}.contains(1)",
        "principal.contains(1)",
        "[1].containsAll(1)",
        "1.isEmpty()",
        "principal.getTag(\"nothing\")",
        "resource.getTag(\"clearance\")",
        "principal.getTag(1)",
        "ip(\"1.2.3.4\", \"x\")",
        "ip(1)",
        "ip(\"::ffff:127.0.0.1\")",
        "decimal(\"1.23456\")",
        "datetime(\"2024-02-30\")",
        "duration(\"1s1h\")",
        "\"10.0.0.1\".isIpv4()",
    ]

    @Test("errors are raised where Cedar raises them", arguments: failures)
    func failure(_ text: String) throws {
        #expect(try Fixtures.evaluate(text) == .error, "\(text)")
    }

    @Test("short-circuit operators do not evaluate the decided side")
    func shortCircuit() throws {
        #expect(try Fixtures.evaluate("false && principal.missing") == .value(false))
        #expect(try Fixtures.evaluate("true || principal.missing") == .value(true))
        #expect(try Fixtures.evaluate("if true then 1 else principal.missing") == .value(1))
        #expect(try Fixtures.evaluate("true && principal.missing") == .error)
    }

    @Test("set and record literals evaluate their elements")
    func literals() throws {
        #expect(try Fixtures.evaluate("[context.n, 1 + 1]") == .value(.set([.long(5), .long(2)])))
        #expect(try Fixtures.evaluate("{a: context.n}.a") == .value(.long(5)))
        #expect(try Fixtures.evaluate("[principal.missing]") == .error)
    }
}
