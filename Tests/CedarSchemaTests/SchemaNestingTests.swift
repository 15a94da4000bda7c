import AgentryCore
import Authorization
import Testing

@testable import CedarSchema

/// Schema types nested without bound crashed the recursive parser; they are refused past a fixed depth.
@Suite("Schema type nesting limit")
struct SchemaNestingTests {
    static let limit = SchemaParser.maximumTypeDepth

    static func sets(_ levels: Int) -> String {
        "entity E { a: " + String(repeating: "Set<", count: levels) + "Long" + String(repeating: ">", count: levels)
            + " };"
    }

    static func records(_ levels: Int) -> String {
        "entity E { a: " + String(repeating: "{ a: ", count: levels) + "Long" + String(repeating: " }", count: levels)
            + " };"
    }

    @Test("10,000 nested sets or records are refused with a positioned parse error")
    func hostile() throws {
        for text in [Self.sets(10_000), Self.records(10_000)] {
            let error = #expect(throws: SchemaError.self) { try Schema(text: text) }
            #expect(error?.code == "schema.parse_error")
            #expect(error?.message.contains("type is nested too deeply: the limit is \(Self.limit) levels") == true)
        }
    }

    @Test("types at the limit are read and used by the validator")
    func atTheLimit() throws {
        // The element type of the innermost `Set<…>` (or record) is the limit-th level.
        let schema = try Schema(text: Self.sets(Self.limit - 1))
        _ = try Schema(text: Self.records(Self.limit - 1))
        #expect(throws: SchemaError.self) { try Schema(text: Self.sets(Self.limit)) }
        #expect(throws: SchemaError.self) { try Schema(text: Self.records(Self.limit)) }
        let policy = try PolicySet(text: "permit(principal, action, resource) when { principal.a == principal.a };")
        _ = Validator(schema: schema).validate(policy)
    }

    @Test("deeply nested JSON schemas are refused too")
    func json() throws {
        var type = #"{"type": "Long"}"#
        for _ in 0..<10_000 { type = #"{"type": "Set", "element": \#(type)}"# }
        let text =
            #"{"": {"entityTypes": {"E": {"shape": {"type": "Record", "attributes": {"a": \#(type)}}}}, "#
            + #""actions": {}}}"#
        #expect(throws: (any Error).self) { try Schema(jsonText: text) }
    }

    @Test("the validator types policies at the expression nesting limit on a handler thread")
    func validatorAtTheExpressionLimit() async throws {
        let depth = PolicySet.maximumExpressionDepth - 2
        let bodies = [
            String(repeating: "(", count: depth) + "true" + String(repeating: ")", count: depth),
            Array(repeating: "1", count: depth).joined(separator: " + ") + " == 1",
            String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth) + " == [1]",
            String(repeating: "if true then ", count: depth) + "true" + String(repeating: " else false", count: depth),
            "context" + String(repeating: ".a", count: depth) + " == 1",
            Array(repeating: "context.n > 0", count: depth / 2).joined(separator: " || "),
        ]
        let schema = try Schema(
            text: "entity U; action go appliesTo { principal: U, resource: U, context: { n: Long } };"
        )
        let pool = ThreadPoolExecutor(threads: 1, name: "validator-depth-test")
        defer { pool.shutdown() }
        let verdicts = try await Task(executorPreference: pool) { () throws -> [Bool] in
            try bodies.map { body in
                let set = try PolicySet(text: "permit(principal, action, resource) when { \(body) };")
                return Validator(schema: schema).validate(set).passed
            }
        }.value
        // Sets of sets compare unequal types; `.a` chains name a missing attribute; the rest type-check.
        #expect(verdicts == [true, true, false, true, false, true])
    }
}
