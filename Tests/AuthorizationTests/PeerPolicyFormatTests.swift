import AgentryCore
import Foundation
import Testing

@testable import Authorization

/// Compares the JSON policy format and the formatter with the reference engine (cedarpy in
/// `<package root>/.venv`): Cedar's JSON reads here to the same policies, and the JSON and text written here are
/// accepted by Cedar and come back unchanged.
@Suite("JSON policy format and formatter against cedarpy")
struct PeerPolicyFormatTests {
    static let script = """
        import cedarpy, json, sys
        out = []
        for item in json.load(open(sys.argv[1])):
            row = {}
            for key, call in [("est", lambda: cedarpy.policies_to_json_str(item["text"])),
                              ("fromOurs", lambda: cedarpy.policies_from_json_str(item["ours"])),
                              ("formatted", lambda: cedarpy.format_policies(item["formatted"]))]:
                try:
                    row[key] = call()
                except Exception as error:
                    row[key + "Error"] = str(error)
            out.append(row)
        print(json.dumps(out))
        """

    static var python: URL? {
        guard let corpus = CorpusSupport.corpusRoot else { return nil }
        let main = corpus.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [main.appendingPathComponent("main/.venv/bin/python")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test("Cedar's JSON reads to the same policies, and ours is accepted and round-trips through Cedar")
    func peerRoundTrip() throws {
        guard let python = Self.python, let root = CorpusSupport.corpusRoot else {
            print("skipping: cedarpy (.venv) or ../shared/corpus/cedar is absent")
            return
        }
        let texts = try Self.samplePolicies(root)
        let sets = try texts.map { try PolicySet(text: $0) }
        let items: [JSONValue] = zip(texts, sets).map { text, set in
            ["text": .string(text), "ours": .string(set.jsonText()), "formatted": .string(set.formatted())]
        }
        let results = try Self.run(python, input: .array(items))
        #expect(results.count == texts.count)
        for (set, result) in zip(sets, results) {
            let shape = set.jsonText()
            #expect(
                result["estError"] == .null && result["fromOursError"] == .null && result["formattedError"] == .null
            )
            if let est = result["est"].stringValue {
                let ours = try PolicySet(jsonText: est).jsonText()
                #expect(ours == shape, "cedar's JSON \(est) read as \(ours)")
            }
            // cedarpy's JSON-to-text conversion prints static policies only, so sets with templates are skipped.
            if let text = result["fromOurs"].stringValue, set.templates.isEmpty {
                #expect(try PolicySet(text: text).jsonText() == shape, "cedar printed \(text) for \(shape)")
            }
            if let text = result["formatted"].stringValue {
                #expect(try PolicySet(text: text).jsonText() == shape)
            }
        }
        print("compared \(texts.count) policy sets with cedarpy")
    }

    /// The benchmark policies, a few hand-made forms, and every 20th corpus policy file.
    static func samplePolicies(_ root: URL) throws -> [String] {
        var texts = [
            """
            @id("a") @flag
            permit(principal == ?principal, action in [Action::"a", Action::"b"], resource is Doc in ?resource)
            when { context.x like "a*b\\*c" && principal is User in Group::"g" && context has a.b }
            unless { [1, -2].containsAll([context.y]) || {a: 1, "b c": context}.a == -3 || context.s.isEmpty() };
            """,
            """
            forbid(principal, action, resource) when { principal.getTag("t") == 1 && !principal.hasTag("u") &&
              ip("1.2.3.4").isInRange(ip("1.0.0.0/8")) && decimal("1.5").lessThan(context.d) &&
              -context.n > 0 && (if context.a then 1 else 2) * 3 == 4 && datetime("2024-01-01") < context.t };
            """,
        ]
        let bench = root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("bench/cedar")
        if let text = try? String(contentsOf: bench.appendingPathComponent("policies.cedar"), encoding: .utf8) {
            texts.append(text)
        }
        let folder = root.appendingPathComponent("corpus-tests")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".cedar") }
        for (position, file) in files.sorted().enumerated() where position % 20 == 0 {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            if (try? PolicySet(text: text)) != nil { texts.append(text) }
        }
        return texts
    }

    static func run(_ python: URL, input: JSONValue) throws -> [JSONValue] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authz-peer-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputFile = directory.appendingPathComponent("input.json")
        try input.serialized().write(to: inputFile)
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", script, inputFile.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONValue.parse(output).arrayValue ?? []
    }
}
