import AgentryCore
import Foundation
import Testing

@testable import Authorization

/// Deeply nested policies are refused when read, so no recursive walker of the syntax tree can run off the end of
/// a thread's stack (red-team finding: 3,000 parentheses crashed the server while parsing; a 10,000-term `+` chain
/// parsed and crashed it at the first evaluation).
@Suite("Expression nesting limit")
struct NestingLimitTests {
    static let limit = Parser.maximumDepth

    static func policy(_ body: String) -> String {
        "permit(principal, action, resource) when { \(body) };"
    }

    /// The hostile bodies of the red-team report, each nested `levels` deep.
    static func hostile(_ levels: Int) -> [(String, String)] {
        let terms = Array(repeating: "1", count: levels)
        return [
            ("parentheses", String(repeating: "(", count: levels) + "true" + String(repeating: ")", count: levels)),
            ("sum", terms.joined(separator: " + ") + " == 1"),
            ("product", terms.joined(separator: " * ") + " == 1"),
            ("sets", String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels) + " == 1"),
            (
                "records",
                String(repeating: "{a: ", count: levels) + "1" + String(repeating: "}", count: levels) + " == {}"
            ),
            (
                "if",
                String(repeating: "if true then ", count: levels) + "true"
                    + String(repeating: " else false", count: levels)
            ),
            ("access", "context" + String(repeating: ".foo", count: levels) + " == 1"),
            ("index", "context" + String(repeating: "[\"foo\"]", count: levels) + " == 1"),
            ("and", Array(repeating: "true", count: levels).joined(separator: " && ")),
            ("or", Array(repeating: "false", count: levels).joined(separator: " || ")),
            ("has", "context has " + Array(repeating: "a", count: levels / 2).joined(separator: ".")),
            (
                "negation",
                String(repeating: "!(", count: levels / 2) + "false" + String(repeating: ")", count: levels / 2)
            ),
            (
                "calls",
                String(repeating: "[1].contains(", count: levels / 2) + "1" + String(repeating: ")", count: levels / 2)
            ),
        ]
    }

    @Test("the red-team payloads are refused with a positioned parse error instead of crashing")
    func hostilePayloadsAreRefused() throws {
        for (name, body) in Self.hostile(10_000) {
            let error = #expect(throws: CedarError.self, "\(name)") { try PolicySet(text: Self.policy(body)) }
            #expect(error?.code == "policy.parse_error", "\(name)")
            #expect(
                error?.message.contains("expression is nested too deeply: the limit is \(Self.limit) levels") == true
            )
            #expect(error?.line == 1, "\(name)")
        }
        // The 6 KB payload of the report, exactly.
        let parentheses = String(repeating: "(", count: 3000) + "true" + String(repeating: ")", count: 3000)
        #expect(throws: CedarError.self) { try PolicySet(text: Self.policy(parentheses)) }
    }

    @Test("the error points at the token that goes one level too deep")
    func errorPosition() throws {
        let body =
            String(repeating: "(", count: Self.limit + 5) + "true" + String(repeating: ")", count: Self.limit + 5)
        let text = Self.policy(body)
        let error = #expect(throws: CedarError.self) { try PolicySet(text: text) }
        // The clause body is level 1 and each `(` opens one more, so the token after the limit-th `(` is refused.
        let bodyColumn = try #require(text.range(of: "{ ")).upperBound.utf16Offset(in: text) + 1
        #expect(error?.column == bodyColumn + Self.limit)
    }

    @Test("a sum of exactly the limit's depth is read; one more term is not")
    func exactBoundary() throws {
        let atLimit = Array(repeating: "1", count: Self.limit).joined(separator: " + ") + " == \(Self.limit)"
        _ = try PolicySet(text: Self.policy(atLimit))
        let beyond = Array(repeating: "1", count: Self.limit + 1).joined(separator: " + ") + " == 1"
        #expect(throws: CedarError.self) { try PolicySet(text: Self.policy(beyond)) }
    }

    @Test("the JSON policy format has the same limit and refuses deeper nesting without crashing")
    func jsonFormat() throws {
        func nested(_ levels: Int) -> String {
            var body = #"{"Value": 1}"#
            for _ in 1..<levels { body = #"{"+": {"left": \#(body), "right": {"Value": 1}}}"# }
            return #"{"effect": "permit", "principal": {"op": "All"}, "action": {"op": "All"},"#
                + #" "resource": {"op": "All"}, "conditions": [{"kind": "when", "body": {"==": {"left": "#
                + body + #", "right": {"Value": 1}}}}]}"#
        }
        _ = try PolicySet(jsonText: #"{"staticPolicies": {"p": \#(nested(Self.limit - 1))}}"#)
        let deeper = #expect(throws: CedarError.self) {
            try PolicySet(jsonText: #"{"staticPolicies": {"p": \#(nested(Self.limit + 1))}}"#)
        }
        #expect(deeper?.message.contains("nested too deeply") == true)
        let huge = #expect(throws: CedarError.self) {
            try PolicySet(jsonText: #"{"staticPolicies": {"p": \#(nested(10_000))}}"#)
        }
        #expect(huge != nil)
    }

    /// Every shape at the limit read, evaluated, printed, written as JSON and read back on a server handler
    /// thread: a ``ThreadPoolExecutor`` worker, whose stack is set to 8 MiB (a debug build needs about 4 MiB for
    /// the deepest shapes here; a release build much less).
    @Test("policies at the limit go through every walker on a handler thread")
    func walkersAreSafeAtTheLimit() async throws {
        let pool = ThreadPoolExecutor(threads: 1, name: "nesting-limit-test")
        defer { pool.shutdown() }
        let problems = await Task(executorPreference: pool) { () -> [String] in
            var problems: [String] = []
            for (name, body) in Self.hostile(Self.limit - 2) {
                do {
                    let set = try PolicySet(text: Self.policy(body))
                    let request = try AuthorizationRequest(
                        principal: EntityUID(type: "User", id: "a"),
                        action: EntityUID(type: "Action", id: "a"),
                        resource: EntityUID(type: "R", id: "r"),
                        contextText: "{}"
                    )
                    _ = Authorizer().isAuthorized(request, policies: set, entities: .empty)
                    _ = try PolicySet(text: set.formatted())
                    _ = try PolicySet(jsonText: set.jsonText())
                } catch {
                    problems.append("\(name): \(error)")
                }
            }
            return problems
        }.value
        #expect(problems == [])
    }

    @Test("a sum at the limit still evaluates to the right answer")
    func evaluatesAtTheLimit() throws {
        let body = Array(repeating: "1", count: Self.limit).joined(separator: " + ") + " == \(Self.limit)"
        let request = try AuthorizationRequest(
            principal: EntityUID(type: "User", id: "a"),
            action: EntityUID(type: "Action", id: "a"),
            resource: EntityUID(type: "R", id: "r"),
            contextText: "{}"
        )
        let response = Authorizer().isAuthorized(
            request,
            policies: try PolicySet(text: Self.policy(body)),
            entities: .empty
        )
        #expect(response.decision == .allow)
    }
}
