import Foundation
import Testing

@testable import CedarSchema

/// A conformance test names its files by paths that must stay inside the corpus directory; unreadable files give
/// one clear line with a stable code and quote nothing of their content.
@Suite("Conformance runner file access")
struct ConformancePathTests {
    /// A corpus with one test whose `policies` path is `policies`, plus a secret file beside (outside) the corpus.
    static func run(policies: String, extraFiles: [String: Data] = [:]) throws -> ConformanceReport {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "conformance-path-\(UUID().uuidString)"
        )
        let directory = base.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("tests"),
            withIntermediateDirectories: true
        )
        defer { try? FileManager.default.removeItem(at: base) }
        try Data("SECRETTOKEN is here".utf8).write(to: base.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(
            at: directory.appendingPathComponent("link.cedar"),
            withDestinationURL: base.appendingPathComponent("secret.txt")
        )
        let files: [String: Data] = [
            "s.cedarschema": Data("entity U; action go appliesTo { principal: U, resource: U };".utf8),
            "e.json": Data("[]".utf8),
            "tests/t.json": Data(
                """
                {"policies": "\(policies)", "entities": "e.json", "schema": "s.cedarschema", "shouldValidate": true,
                 "requests": []}
                """.utf8
            ),
        ].merging(extraFiles) { $1 }
        for (name, data) in files { try data.write(to: directory.appendingPathComponent(name)) }
        return ConformanceRunner(directory: directory).run()
    }

    @Test(
        "paths leading outside the corpus are refused without quoting the file",
        arguments: [
            "../secret.txt", "../../../../../../../../etc/passwd", "link.cedar", "/etc/passwd",
            "tests/../../secret.txt",
        ]
    )
    func outside(path: String) throws {
        let report = try Self.run(policies: path)
        #expect(report.failed == 1)
        let line = try #require(report.failures.first)
        #expect(line.contains("conformance.path_outside_corpus"), "\(line)")
        #expect(!line.contains("SECRETTOKEN") && !line.contains("root"), "\(line)")
    }

    @Test("a missing file and a file that is not UTF-8 give one line with a stable code")
    func unreadable() throws {
        let missing = try Self.run(policies: "nope.cedar")
        #expect(
            missing.failures == [
                "tests/t.json: conformance.file_unreadable: the policies file `nope.cedar` does not exist or "
                    + "cannot be read"
            ]
        )
        let binary = try Self.run(policies: "bad.cedar", extraFiles: ["bad.cedar": Data([0x70, 0xFF, 0xFE, 0x0A])])
        #expect(
            binary.failures == [
                "tests/t.json: conformance.file_not_utf8: the policies file `bad.cedar` is not valid UTF-8"
            ]
        )
    }

    @Test("a file inside the corpus is still read")
    func inside() throws {
        let report = try Self.run(
            policies: "sub/../p.cedar",
            extraFiles: ["p.cedar": Data("permit(principal, action, resource);".utf8)]
        )
        #expect(report.failures == [])
        #expect(report.isSuccess)
    }

    @Test("an empty corpus is not a success")
    func empty() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "conformance-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = ConformanceRunner(directory: directory).run()
        #expect(report.tests == 0)
        #expect(!report.isSuccess)
    }
}
