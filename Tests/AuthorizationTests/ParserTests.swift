import Foundation
import Testing

@testable import Authorization

@Suite("Policy parser")
struct ParserTests {
    @Test("policy ids follow source order and annotations are kept")
    func idsAndAnnotations() throws {
        let text = """
            @id("first") @advice
            permit(principal, action, resource);
            // a comment between policies
            forbid(principal == User::"a", action in [Action::"x", Action::"y"], resource is Doc)
            unless { context.ok };
            """
        let set = try PolicySet(text: text)
        #expect(set.policyIDs == ["policy0", "policy1"])
        #expect(set.policies[0].annotations.map(\.key) == ["id", "advice"])
        #expect(set.policies[0].annotations.first?.value == "first")
        #expect(set.policies[1].effect == .forbid)
        #expect(try PolicySet(text: text, idAnnotations: true).policyIDs == ["first", "policy1"])
    }

    @Test("every scope form parses")
    func scopes() throws {
        let forms = [
            "principal", "principal == A::B::\"x\"", "principal in G::\"g\"", "principal is User",
            "principal is NS::User in G::\"g\"",
        ]
        for form in forms {
            let resource = form.replacingOccurrences(of: "principal", with: "resource")
            let text = "permit(\(form), action == Action::\"a\", \(resource));"
            #expect(throws: Never.self) { try PolicySet(text: text) }
        }
        #expect(throws: Never.self) { try PolicySet(text: "permit(principal, action in Action::\"g\", resource);") }
    }

    @Test("templates parse, are listed, and are not evaluated")
    func templates() throws {
        let set = try PolicySet(text: "permit(principal == ?principal, action, resource in ?resource);")
        #expect(set.policies[0].isTemplate)
        #expect(set.active.isEmpty)
        #expect(throws: CedarError.self) { try PolicySet(text: "permit(principal == ?resource, action, resource);") }
    }

    @Test("string escapes decode as Cedar defines them")
    func escapes() throws {
        #expect(try Fixtures.evaluate(#""\u{1F600}\t\"\\\0" == "😀\t\"\\\u{0}""#) == .value(true))
        #expect(try Fixtures.evaluate(#"User::"\u{17}" == User::"\u{0017}""#) == .value(true))
    }

    /// Bad text → (line, column, message fragment).
    static let errors: [(String, Int, Int, String)] = [
        ("permit(principal, action, resource)", 1, 36, "unexpected end of input"),
        ("permit(principal, action, resource) when { };", 1, 37, "condition clause cannot be empty"),
        ("allow(principal, action, resource);", 1, 1, "invalid policy effect: allow"),
        ("permit(principal, action, resource)\n  when { x };", 2, 10, "invalid variable: x"),
        ("permit(principal, action, resource) when { 1 == 1 == 1 };", 1, 51, "multiple relational operators"),
        ("permit(principal, action, resource) when { !!!!!true };", 1, 44, "too many occurrences of `!`"),
        ("permit(principal, action, resource) when { 9223372036854775808 == 0 };", 1, 44, "is too large"),
        ("permit(principal, action, resource) when { \"\\*\" == \"*\" };", 1, 44, "is not a valid escape"),
        ("permit(principal, action, resource) when { {a: 1, a: 2} == {} };", 1, 51, "duplicate key `a`"),
        ("permit(principal, action, resource) when { principal.in };", 1, 54, "reserved"),
        ("permit(principal, action, resource) when { isIpv4(ip(\"1.2.3.4\")) };", 1, 44, "is a method"),
        ("permit(principal, action, resource) when { ip(\"1.2.3.4\").foo() };", 1, 58, "not a valid method"),
        ("permit(principal, action, resource) when { [1].contains(1, 2) };", 1, 48, "requires exactly 1 argument"),
        ("permit(principal, action, resource) when { foo::bar(\"x\") };", 1, 44, "not a valid function"),
        ("@id(\"a\") @id(\"b\") permit(principal, action, resource);", 1, 11, "duplicate annotation"),
        ("permit(principal, action, resource) when { \"abc };", 1, 44, "unterminated string"),
        ("permit(principal, action, resource) when { 1 # 2 };", 1, 46, "invalid token"),
    ]

    @Test("parse errors carry line, column and a Cedar-style message", arguments: errors)
    func parseError(_ text: String, _ line: Int, _ column: Int, _ fragment: String) {
        do {
            _ = try PolicySet(text: text)
            Issue.record("expected a parse error for \(text)")
        } catch {
            #expect(error.code == "policy.parse_error")
            #expect(error.line == line && error.column == column, "\(error.message)")
            #expect(error.message.contains(fragment), "\(error.message)")
            #expect(error.message.first?.isUppercase != true && error.message.last != ".")
        }
    }
}
