import Testing

@testable import Authorization

/// Messages checked against cedarpy 4.12.2 (`policies_to_json_str`), which prints the same text without the
/// position; Agentry prefixes `line:column: `.
@Suite("Parse errors")
struct ParseErrorTests {
    static let cases: [(String, String, String)] = [
        ("permit(principal, action, resource) when { principal == };", "1:57", "unexpected token `}`"),
        (
            "permit(principal, action, resource)\nwhen { \"a\\qb\" == \"x\" };", "2:8",
            "the input `\\q` is not a valid escape"
        ),
        (
            "permit(principal, action, resource) when { \"\\u{110000}\" };", "1:44",
            "the input `\\u{110000}` is not a valid escape"
        ),
        ("permit(principal, action, resource) when { \"a\\*\" };", "1:44", "the input `\\*` is not a valid escape"),
        (
            "permit(principal, action, resource) when { context.if == 1 };", "1:52",
            "this identifier is reserved and cannot be used: if"
        ),
        (
            "permit(principal, action, resource) when { 9223372036854775808 == 1 };", "1:44",
            "integer literal `9223372036854775808` is too large"
        ),
        (
            "permit(principal, action, resource) when { -9223372036854775809 == 1 };", "1:45",
            "integer literal `9223372036854775809` is too large"
        ),
        ("allow(principal, action, resource);", "1:1", "invalid policy effect: allow"),
        ("permit(principal, action, resource)", "1:36", "unexpected end of input"),
        (
            "permit(principal, action, resource) when { 1 < 2 < 3 };", "1:50",
            "multiple relational operators (>, ==, in, etc.) must be used with parentheses to make ordering explicit"
        ),
        ("permit(principal, action, resource) when { foo };", "1:44", "invalid variable: foo"),
        ("permit(principal, action, resource) when { context.foo() };", "1:52", "`foo` is not a valid method"),
        ("permit(principal, action, resource) when { foo(1) };", "1:44", "`foo` is not a valid function"),
        ("@a(\"1\") @a(\"2\") permit(principal, action, resource);", "1:10", "duplicate annotation: @a"),
        (
            "permit(principal == ?resource, action, resource);", "1:21",
            "expected an entity uid or matching template slot, found ?resource instead of ?principal"
        ),
        ("permit(principal, action, resource) when { };", "1:37", "`when` condition clause cannot be empty"),
        ("permit(principal, action == ?action, resource);", "1:29", "expected single entity uid, found template slot"),
        ("permit(principal, action, resource) when { !!!!!true };", "1:44", "too many occurrences of `!`"),
        (
            "permit(action, principal, resource);", "1:8",
            "found the variable `action` where the variable `principal` must be used"
        ),
        ("permit(principal, action is Action, resource);", "1:26", "`is` cannot appear in the action scope"),
        (
            "permit(principal, action, resource) unless { ?principal == principal };", "1:37",
            "found template slot ?principal in a `unless` clause"
        ),
        ("permit(principal, action, resource) when { \"abc };", "1:44", "unterminated string literal"),
        ("permit(principal, action, resource) when { 1 # 2 };", "1:46", "invalid token `#`"),
    ]

    @Test("errors carry Cedar's wording and a line:column position", arguments: cases)
    func message(_ text: String, _ position: String, _ message: String) {
        do {
            _ = try PolicySet(text: text)
            Issue.record("expected a parse error")
        } catch {
            #expect(error.code == "policy.parse_error")
            #expect(error.message.hasPrefix("\(position): \(message)"), "\(error.message)")
            #expect("\(error.line ?? 0):\(error.column ?? 0)" == position)
        }
    }
}
