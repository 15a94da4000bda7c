import AgentryCore
import Authorization
import Foundation
import TestSupport
import Testing

@testable import CedarSchema

/// Compares the validator's verdicts with the reference validator (PyPI `cedarpy`) on generated policies.
@Suite("Strict validator against the reference")
struct ValidatorDifferentialTests {
    static var python: URL? {
        guard let root = SharedCorpus.packageRoot else { return nil }
        let url = root.appendingPathComponent(".venv/bin/python")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    private static let script = """
        import json, sys, cedarpy
        data = json.load(open(sys.argv[1]))
        print(json.dumps([cedarpy.validate_policies(p, data["schema"]).validation_passed for p in data["policies"]]))
        """

    /// Asks cedarpy for the verdict of each policy; nil when the reference is unavailable.
    private func referenceVerdicts(_ policies: [String], schema: String) throws -> [Bool]? {
        guard let python = Self.python else { return nil }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cedar-diff-\(UUID().uuidString).json"
        )
        defer { try? FileManager.default.removeItem(at: input) }
        let payload: JSONValue = ["schema": .string(schema), "policies": .array(policies.map(JSONValue.string))]
        try payload.serialized().write(to: input)

        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", Self.script, input.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try JSONValue.parse(data).arrayValue?.compactMap(\.boolValue)
    }

    @Test("agrees with cedarpy on 400 generated policies")
    func agreesWithReference() throws {
        var generator = PolicyGenerator(seed: 2026)
        let policies = (0..<400).map { index in generator.policy(depth: 2 + index % 3) }
        guard let expected = try referenceVerdicts(policies, schema: ValidatorTests.schemaText) else {
            print("skipping: <package root>/.venv with cedarpy is absent")
            return
        }
        try #require(expected.count == policies.count)
        let validator = Validator(schema: try Schema(text: ValidatorTests.schemaText))
        var disagreements: [String] = []
        for (policy, verdict) in zip(policies, expected) {
            let result = validator.validate(try PolicySet(text: policy))
            if result.passed != verdict { disagreements.append("\(verdict ? "valid" : "invalid"): \(policy)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5).joined(separator: "\n"))")
        #expect(expected.contains(true) && expected.contains(false))
    }
}
