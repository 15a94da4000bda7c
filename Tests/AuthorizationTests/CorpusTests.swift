import Foundation
import Testing

@testable import Authorization

@Suite("Cedar conformance corpus")
struct CorpusTests {
    @Test("handwritten integration tests agree with the reference engine")
    func handwritten() throws {
        guard let root = CorpusSupport.corpusRoot else {
            print("skipping: ../shared/corpus/cedar is absent")
            return
        }
        let folder = root.appendingPathComponent("tests")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var outcomes: [CorpusSupport.Outcome] = []
        for file in files {
            outcomes += CorpusSupport.run(testFile: folder.appendingPathComponent(file), root: root)
        }
        for failure in outcomes where !failure.agrees {
            print("DISAGREE \(failure.test) \(failure.request): \(failure.detail)")
        }
        let schemaOnly = outcomes.filter { !$0.agrees && $0.needsSchema }.count
        print(
            "handwritten: \(outcomes.filter(\.agrees).count) of \(outcomes.count) requests agree; "
                + "\(schemaOnly) disagreements need schema-based entity parsing"
        )
        #expect(outcomes.count >= 28)
        #expect(outcomes.allSatisfy { $0.agrees || $0.needsSchema })
    }

    @Test("fuzzer corpus requests agree with the reference engine")
    func fuzzed() throws {
        guard let root = CorpusSupport.corpusRoot else {
            print("skipping: ../shared/corpus/cedar is absent")
            return
        }
        let files = try CorpusSupport.fuzzerTestFiles(root: root)
        var outcomes: [CorpusSupport.Outcome] = []
        for file in files {
            outcomes += CorpusSupport.run(testFile: file, root: root)
        }
        let failures = outcomes.filter { !$0.agrees }
        for failure in failures.prefix(40) {
            print("DISAGREE \(failure.test) \(failure.request): \(failure.detail)")
        }
        print(
            "corpus: \(outcomes.count - failures.count) of \(outcomes.count) requests agree; "
                + "\(failures.filter(\.needsSchema).count) disagreements need schema-based parsing"
        )
        #expect(outcomes.count > 0)
        #expect(failures.allSatisfy { $0.needsSchema })
    }
}
