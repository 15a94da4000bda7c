import AgentryCore
import Foundation
import Testing

/// What one run of the `agentry` binary produced.
struct CLIResult: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The last non-empty line of standard output.
    var lastLine: String { stdout.split(separator: "\n").last.map(String.init) ?? "" }

    /// True when standard error shows a crash rather than a message.
    var crashed: Bool {
        ["Fatal error", "Stack dump", "Current stack trace", "Segmentation"].contains { stderr.contains($0) }
    }
}

/// Runs the built `agentry` executable (found beside the test bundle, like the DocAssist programs).
enum AgentryCLI {
    static let executable = TestPaths.programs.appendingPathComponent("agentry")
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

    /// Runs `agentry arguments…` in `directory`, waiting without blocking a cooperative thread.
    static func run(_ arguments: [String], in directory: String? = nil) async throws -> CLIResult {
        let scratch = TestPaths.temporaryDirectory("cli-out")
        let outPath = scratch + "/stdout"
        let errPath = scratch + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let out = try String(contentsOfFile: outPath, encoding: .utf8)
        let err = try String(contentsOfFile: errPath, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: scratch)
        return CLIResult(status: status, stdout: out, stderr: err)
    }

    /// The shared Cedar corpus (`../shared/corpus/cedar`), or nil when it is absent.
    static let cedarCorpus: String? = {
        let path = TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/cedar").path
        return FileManager.default.fileExists(atPath: path + "/tests") ? path : nil
    }()

    /// Writes `text` to `name` inside `directory` and returns its path.
    @discardableResult
    static func write(_ text: String, _ name: String, in directory: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// `agentry policy validate|authorize|format|conformance` on files, through the real binary.
@Suite("Policy CLI: Cedar tools on files", .enabled(if: AgentryCLI.isBuilt, "the agentry executable is not built"))
struct PolicyCLIToolsTests {
    static let schema = """
        entity Team;
        entity User in [Team] { level: Long };
        entity Doc { owner: User };
        action read appliesTo { principal: [User], resource: [Doc], context: { urgent: Bool } };
        """
    static let valid = """
        @id("owners-read")
        permit (principal, action == Action::"read", resource) when { resource.owner == principal };

        @id("juniors-never-urgent")
        forbid (principal, action == Action::"read", resource) when { principal.level < 2 && context.urgent };
        """
    static let mistyped = """
        @id("owners-read")
        permit (principal, action == Action::"read", resource) when { resource.owner == principal };

        @id("by-badge")
        permit (principal, action == Action::"read", resource) when { principal.badge == "gold" };
        """

    @Test("validate exits 0 for typed policies and 1 with findings named by @id, as text and as JSON")
    func validate() async throws {
        let directory = TestPaths.temporaryDirectory("cli-validate")
        let schema = try AgentryCLI.write(Self.schema, "schema.cedarschema", in: directory)
        let good = try AgentryCLI.write(Self.valid, "good.cedar", in: directory)
        let bad = try AgentryCLI.write(Self.mistyped, "bad.cedar", in: directory)

        let passed = try await AgentryCLI.run(["policy", "validate", "--policies", good, "--schema", schema])
        #expect(passed.status == 0)
        #expect(passed.lastLine == "policies are valid")
        let failed = try await AgentryCLI.run(["policy", "validate", "--policies", bad, "--schema", schema])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("error: "))
        #expect(failed.stdout.contains("`by-badge`"))
        #expect(failed.stdout.contains("`badge`"))
        #expect(failed.lastLine == "validation failed: 1 error(s)")

        let json = try await AgentryCLI.run(["policy", "validate", "--policies", bad, "--schema", schema, "--json"])
        #expect(json.status == 1)
        let report = try JSONValue.parse(json.stdout)
        #expect(report["valid"] == false)
        let finding = try #require(report["findings"].arrayValue?.first)
        #expect(finding["policy"] == "by-badge")
        #expect(finding["severity"] == "error")
        #expect(finding["code"].stringValue?.hasPrefix("validation.") == true)
        let clean = try await AgentryCLI.run(["policy", "validate", "--policies", good, "--schema", schema, "--json"])
        #expect(try JSONValue.parse(clean.stdout) == ["valid": true, "findings": []])
    }

    @Test("validate reports a syntax error with its line and column, exit 1, no stack trace")
    func validateSyntaxError() async throws {
        let directory = TestPaths.temporaryDirectory("cli-syntax")
        let schema = try AgentryCLI.write(Self.schema, "schema.cedarschema", in: directory)
        let text = "@id(\"a\")\npermit (principal, action, resource)\n  when { 1 + };\n"
        let broken = try AgentryCLI.write(text, "x.cedar", in: directory)
        let result = try await AgentryCLI.run(["policy", "validate", "--policies", broken, "--schema", schema])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("agentry: policy.parse_error: 3:"))
        #expect(!result.crashed)
    }

    @Test("format round-trips: formatted text and its JSON form decide every request as the original does")
    func formatRoundTrip() async throws {
        let directory = TestPaths.temporaryDirectory("cli-format")
        let original = try AgentryCLI.write(Self.valid, "original.cedar", in: directory)
        let formatted = try await AgentryCLI.run(["policy", "format", original])
        #expect(formatted.status == 0)
        let cedar = try AgentryCLI.write(formatted.stdout, "formatted.cedar", in: directory)
        let again = try await AgentryCLI.run(["policy", "format", cedar])
        #expect(again.stdout == formatted.stdout)
        let json = try await AgentryCLI.run(["policy", "format", "--to", "json", original])
        #expect(json.status == 0)
        #expect(try JSONValue.parse(json.stdout)["staticPolicies"]["owners-read"] != .null)
        let jsonFile = try AgentryCLI.write(json.stdout, "policies.json", in: directory)

        let entities = try AgentryCLI.write(Self.entities, "entities.json", in: directory)
        let schema = try AgentryCLI.write(Self.schema, "schema.cedarschema", in: directory)
        var decisions: Set<String> = []
        for (principal, urgent) in [("ana", false), ("ana", true), ("bo", true), ("bo", false), ("cy", false)] {
            let request = try AgentryCLI.write(Self.request(principal, urgent: urgent), "request.json", in: directory)
            var answers: [String] = []
            for policies in [original, cedar, jsonFile] {
                let result = try await AgentryCLI.run([
                    "policy", "authorize", "--policies", policies, "--entities", entities, "--request", request,
                    "--schema", schema,
                ])
                #expect(result.status == 0)
                answers.append(result.stdout)
            }
            #expect(Set(answers).count == 1, "\(principal) urgent=\(urgent): \(answers)")
            decisions.insert(try JSONValue.parse(answers[0])["decision"].stringValue ?? "")
        }
        #expect(decisions == ["allow", "deny"])
    }

    /// `ana` (level 1) owns the doc; `bo` (level 3) owns it too via a second doc; `cy` owns nothing.
    static let entities = """
        [
          {"uid": {"type": "User", "id": "ana"}, "attrs": {"level": 1}, "parents": []},
          {"uid": {"type": "User", "id": "bo"}, "attrs": {"level": 3}, "parents": []},
          {"uid": {"type": "User", "id": "cy"}, "attrs": {"level": 5}, "parents": []},
          {"uid": {"type": "Doc", "id": "d-ana"}, "attrs": {"owner": {"type": "User", "id": "ana"}}, "parents": []},
          {"uid": {"type": "Doc", "id": "d-bo"}, "attrs": {"owner": {"type": "User", "id": "bo"}}, "parents": []}
        ]
        """

    static func request(_ principal: String, urgent: Bool) -> String {
        let doc = principal == "cy" ? "d-ana" : "d-" + principal
        return """
            {"principal": {"type": "User", "id": "\(principal)"}, "action": {"type": "Action", "id": "read"},
             "resource": {"type": "Doc", "id": "\(doc)"}, "context": {"urgent": \(urgent)}}
            """
    }
}
