import AgentryCore
import Foundation
import Testing

/// `agentry policy conformance` and `authorize` against the shared Cedar corpus (skipped when it is absent).
@Suite(
    "Policy CLI: the shared Cedar corpus",
    .enabled(if: AgentryCLI.isBuilt, "the agentry executable is not built"),
    .enabled(if: AgentryCLI.cedarCorpus != nil, "../shared/corpus/cedar is absent")
)
struct PolicyCLICorpusTests {
    private var corpus: String { AgentryCLI.cedarCorpus ?? "/nonexistent" }

    @Test("conformance on the whole corpus ends with `N passed, 0 failed` and exits 0")
    func wholeCorpus() async throws {
        let result = try await AgentryCLI.run(["policy", "conformance", corpus])
        #expect(result.status == 0, "\(result.stdout.suffix(2_000))")
        let last = result.lastLine
        #expect(last.hasSuffix(" passed, 0 failed"))
        #expect((Int(last.prefix { $0.isNumber }) ?? 0) > 20_000)
        #expect(!result.crashed)
    }

    @Test("conformance on a folder with one wrong expected decision prints that request, `1 failed`, exit 1")
    func oneWrongExpectation() async throws {
        // A copy of tests/decimal/1 with its data files, the second request's expected decision flipped.
        let folder = TestPaths.temporaryDirectory("cli-conformance")
        let test = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: corpus + "/tests/decimal/1.json")))
        for key in ["policies", "entities", "schema"] {
            let relative = try #require(test[key].stringValue)
            let target = URL(fileURLWithPath: folder + "/" + relative)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try FileManager.default.copyItem(at: URL(fileURLWithPath: corpus + "/" + relative), to: target)
        }
        guard case .object(var root) = test, var requests = root["requests"]?.arrayValue, requests.count > 1,
            case .object(var wrong) = requests[1]
        else {
            Issue.record("tests/decimal/1.json has an unexpected shape")
            return
        }
        let expected = wrong["decision"]?.stringValue ?? ""
        wrong["decision"] = .string(expected == "allow" ? "deny" : "allow")
        wrong["reason"] = .array([])
        requests[1] = .object(wrong)
        root["requests"] = .array(requests)
        try JSONValue.object(root).serialized().write(to: URL(fileURLWithPath: folder + "/tests/decimal/1.json"))

        let result = try await AgentryCLI.run(["policy", "conformance", folder])
        #expect(result.status == 1)
        let description = try #require(wrong["description"]?.stringValue)
        let failures = result.stdout.split(separator: "\n").filter { $0.hasPrefix("tests/decimal/1.json") }
        #expect(failures.count == 1)
        #expect(failures.first?.contains("[\(description)]") == true)
        #expect(result.lastLine == "\(requests.count - 1) passed, 1 failed")
    }

    @Test("authorize answers decimal/1 as the corpus expects, and needs --schema to read a plain decimal string")
    func authorizeWithAndWithoutSchema() async throws {
        let test = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: corpus + "/tests/decimal/1.json")))
        let directory = TestPaths.temporaryDirectory("cli-authorize")
        let common = [
            "policy", "authorize", "--policies", corpus + "/" + (test["policies"].stringValue ?? ""),
            "--entities", corpus + "/" + (test["entities"].stringValue ?? ""),
        ]
        let schema = ["--schema", corpus + "/" + (test["schema"].stringValue ?? "")]
        for (index, request) in (test["requests"].arrayValue ?? []).enumerated() {
            let plain: JSONValue = [
                "principal": request["principal"], "action": request["action"], "resource": request["resource"],
                "context": request["context"],
            ]
            let file = directory + "/request-\(index).json"
            try plain.serialized().write(to: URL(fileURLWithPath: file))
            for extra in [[], schema] {
                let result = try await AgentryCLI.run(common + ["--request", file] + extra)
                #expect(result.status == 0, "\(result.stderr)")
                let answer = try JSONValue.parse(result.stdout)
                #expect(answer["decision"] == request["decision"])
                #expect(answer["diagnostics"]["reason"] == request["reason"])
            }
        }

        // The first request with `confidence_score` as a bare string: only the schema makes it a decimal.
        let first = try #require(test["requests"].arrayValue?.first)
        guard case .object(var context) = first["context"] else { return }
        context["confidence_score"] = "0.8"
        let bare: JSONValue = [
            "principal": first["principal"], "action": first["action"], "resource": first["resource"],
            "context": .object(context),
        ]
        let file = directory + "/bare.json"
        try bare.serialized().write(to: URL(fileURLWithPath: file))
        let typed = try JSONValue.parse(try await AgentryCLI.run(common + ["--request", file] + schema).stdout)
        #expect(typed["decision"] == "allow")
        #expect(typed["diagnostics"]["reason"] == ["policy0"])
        let untyped = try JSONValue.parse(try await AgentryCLI.run(common + ["--request", file]).stdout)
        #expect(untyped["decision"] == "deny")
        #expect(untyped["diagnostics"]["errors"].arrayValue?.count == 1)
    }
}
