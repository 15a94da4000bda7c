import AgentryCore
import Foundation
import Testing

/// Red-team findings on `agentry policy …`: deep nesting crashed the process, request integers lost precision,
/// `format` rewrote what was written, and `conformance` read files outside its directory.
@Suite("Policy CLI: hardening", .enabled(if: AgentryCLI.isBuilt, "the agentry executable is not built"))
struct PolicyCLIHardeningTests {
    static let request = #"{"principal": "User::\"a\"", "action": "Action::\"a\"", "resource": "R::\"r\"", "#

    static func policy(_ body: String) -> String { "permit(principal, action, resource) when { \(body) };" }

    /// 10,000 levels of each hostile shape.
    static let hostileBodies: [String] = {
        let levels = 10_000
        return [
            String(repeating: "(", count: levels) + "true" + String(repeating: ")", count: levels),
            String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels) + " == 1",
            String(repeating: "{a: ", count: levels) + "1" + String(repeating: "}", count: levels) + " == 1",
            String(repeating: "if true then ", count: levels) + "true"
                + String(repeating: " else false", count: levels),
            "context" + String(repeating: ".foo", count: levels) + " == 1",
            Array(repeating: "1", count: levels).joined(separator: " + ") + " == 1",
            Array(repeating: "true", count: levels).joined(separator: " && "),
            Array(repeating: "false", count: levels).joined(separator: " || "),
        ]
    }()

    @Test("authorize, format and validate refuse 10,000-level policies with a parse error, without crashing")
    func deepNesting() async throws {
        let directory = TestPaths.temporaryDirectory("cli-deep")
        let requestPath = try AgentryCLI.write(Self.request + #""context": {}}"#, "request.json", in: directory)
        let schema = try AgentryCLI.write(
            "entity User; entity R; action a appliesTo { principal: User, resource: R };",
            "schema.cedarschema",
            in: directory
        )
        for (index, body) in Self.hostileBodies.enumerated() {
            let path = try AgentryCLI.write(Self.policy(body), "deep\(index).cedar", in: directory)
            for arguments in [
                ["policy", "authorize", "--policies", path, "--request", requestPath],
                ["policy", "format", path],
                ["policy", "validate", "--policies", path, "--schema", schema],
            ] {
                let result = try await AgentryCLI.run(arguments)
                #expect(!result.crashed && result.status == 1, "\(arguments[1]) shape \(index): \(result.stderr)")
                #expect(result.stderr.hasPrefix("agentry: policy.parse_error: 1:"), "\(result.stderr.prefix(200))")
                #expect(result.stderr.contains("expression is nested too deeply"))
            }
        }
    }

    @Test(
        "authorize keeps 64-bit integers exact and refuses 1.0, as Cedar does",
        arguments: [
            ("9007199254740993", "context.n == 9007199254740993", "allow"),
            ("9007199254740992", "context.n == 9007199254740993", "deny"),
            ("9223372036854775807", "context.n == 9223372036854775807", "allow"),
            ("-9223372036854775808", "context.n < 0", "allow"),
        ]
    )
    func integerPrecision(value: String, condition: String, decision: String) async throws {
        let directory = TestPaths.temporaryDirectory("cli-int")
        let policies = try AgentryCLI.write(Self.policy(condition), "p.cedar", in: directory)
        let request = try AgentryCLI.write(Self.request + #""context": {"n": \#(value)}}"#, "r.json", in: directory)
        let result = try await AgentryCLI.run(["policy", "authorize", "--policies", policies, "--request", request])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try JSONValue.parse(result.stdout)["decision"].stringValue == decision)

        // With a schema the context is read from the text too.
        let schema = try AgentryCLI.write(
            "entity User; entity R; action a appliesTo { principal: User, resource: R, context: { n: Long } };",
            "s.cedarschema",
            in: directory
        )
        let typed = try await AgentryCLI.run(
            ["policy", "authorize", "--policies", policies, "--request", request, "--schema", schema]
        )
        #expect(typed.status == 0, "\(typed.stderr)")
        #expect(try JSONValue.parse(typed.stdout)["decision"].stringValue == decision)
    }

    @Test("authorize refuses a fractional number where Cedar expects a long")
    func fractionRefused() async throws {
        let directory = TestPaths.temporaryDirectory("cli-frac")
        let policies = try AgentryCLI.write(Self.policy("context.n == 1"), "p.cedar", in: directory)
        let request = try AgentryCLI.write(Self.request + #""context": {"n": 1.0}}"#, "r.json", in: directory)
        let result = try await AgentryCLI.run(["policy", "authorize", "--policies", policies, "--request", request])
        #expect(result.status == 1 && !result.crashed)
        #expect(result.stderr.hasPrefix("agentry: policy."), "\(result.stderr)")
    }

    @Test("format prints constants, `is … in` and valueless annotations as written")
    func formatAsWritten() async throws {
        let directory = TestPaths.temporaryDirectory("cli-format")
        let text = """
            @noval
            permit (
              principal,
              action,
              resource
            )
            when { ip("10.0.0.1").isInRange(ip("10.0.0.0/8")) && decimal("1.0") == decimal("1.00") }
            when { principal is User in resource };

            """
        let path = try AgentryCLI.write(text, "p.cedar", in: directory)
        let formatted = try await AgentryCLI.run(["policy", "format", path])
        #expect(formatted.status == 0)
        #expect(formatted.stdout == text)
        let json = try await AgentryCLI.run(["policy", "format", path, "--to", "json"])
        let policy = try JSONValue.parse(json.stdout)["staticPolicies"]["policy0"]
        #expect(policy["annotations"] == ["noval": .null])
    }

    @Test("conformance refuses files outside its directory and an empty directory")
    func conformance() async throws {
        let directory = TestPaths.temporaryDirectory("cli-conf")
        let corpus = directory + "/corpus"
        try FileManager.default.createDirectory(atPath: corpus + "/tests", withIntermediateDirectories: true)
        try AgentryCLI.write("TOPSECRET permit", "outside.cedar", in: directory)
        try AgentryCLI.write("entity U;", "s.cedarschema", in: corpus)
        try AgentryCLI.write("[]", "e.json", in: corpus)
        try AgentryCLI.write(
            #"{"policies": "../outside.cedar", "entities": "e.json", "schema": "s.cedarschema", "#
                + #""shouldValidate": true, "requests": []}"#,
            "tests/t.json",
            in: corpus
        )
        let result = try await AgentryCLI.run(["policy", "conformance", corpus])
        #expect(result.status == 1)
        #expect(result.stdout.contains("conformance.path_outside_corpus"))
        #expect(!result.stdout.contains("TOPSECRET"))

        let empty = directory + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try await AgentryCLI.run(["policy", "conformance", empty])
        #expect(none.status == 1)
        #expect(none.stdout.contains("no conformance tests found"))
    }
}
