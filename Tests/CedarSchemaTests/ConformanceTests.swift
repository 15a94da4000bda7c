import Foundation
import TestSupport
import Testing

@testable import CedarSchema

@Suite("Conformance corpus")
struct ConformanceTests {
    static var corpus: URL? {
        guard let root = SharedCorpus.packageRoot else { return nil }
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/cedar")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("README.txt").path) ? url : nil
    }

    @Test("every request and validation verdict of the shared Cedar corpus agrees")
    func wholeCorpus() throws {
        guard let directory = Self.corpus else {
            print("skipping: ../shared/corpus/cedar is absent")
            return
        }
        let report = ConformanceRunner(directory: directory).run()
        #expect(report.tests >= 2648)
        #expect(report.failures.isEmpty, "\(report.failures.prefix(20).joined(separator: "\n"))")
        #expect(report.failed == 0)
        #expect(report.validationAgreements == report.tests)
        #expect(report.passed >= 21_148)
    }

    @Test("reports a failure line when a test's expectation is wrong")
    func reportsFailures() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "conformance-\(UUID().uuidString)"
        )
        let tests = directory.appendingPathComponent("tests")
        try FileManager.default.createDirectory(at: tests, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            "p.cedar": "permit(principal, action, resource) when { context.ok };",
            "s.cedarschema": "entity U; action go appliesTo { principal: U, resource: U, context: { ok: Bool } };",
            "e.json": #"[{"uid": {"type": "U", "id": "u"}, "attrs": {}}]"#,
            "tests/t.json": """
            {"policies": "p.cedar", "entities": "e.json", "schema": "s.cedarschema", "shouldValidate": true,
             "requests": [
               {"description": "ok", "principal": {"type": "U", "id": "u"}, "action": {"type": "Action", "id": "go"},
                "resource": {"type": "U", "id": "u"}, "context": {"ok": true},
                "decision": "allow", "reason": ["policy0"], "errors": []},
               {"description": "wrong", "principal": {"type": "U", "id": "u"},
                "action": {"type": "Action", "id": "go"}, "resource": {"type": "U", "id": "u"},
                "context": {"ok": false}, "decision": "allow", "reason": ["policy0"], "errors": []}]}
            """,
        ]
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let report = ConformanceRunner(directory: directory).run()
        #expect(report.passed == 1)
        #expect(report.failed == 1)
        #expect(report.failures.first?.hasPrefix("tests/t.json [wrong]: expected allow") == true)
    }
}
