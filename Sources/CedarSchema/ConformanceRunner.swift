import AgentryCore
import Authorization
import Foundation
import Synchronization

/// Runs a Cedar conformance corpus laid out like the upstream integration tests: `tests/**/*.json` and
/// `corpus-tests/*.json`, each naming its policies, entities and schema by paths relative to the directory.
///
/// For each test it parses the policies (ids `policy0`, `policy1`, …), the schema, and the entities and contexts
/// with the schema; checks the strict validation verdict against `shouldValidate`; then authorises every request
/// and compares the decision, the set of determining policies and the set of erroring policies.
public struct ConformanceRunner: Sendable {
    /// The corpus directory.
    public let directory: URL

    /// Creates a runner for the corpus in `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The test files, sorted by relative path.
    public func testPaths() -> [String] {
        var paths: [String] = []
        let manager = FileManager.default
        for folder in ["tests", "corpus-tests"] {
            let root = directory.appendingPathComponent(folder)
            guard let walker = manager.enumerator(atPath: root.path) else { continue }
            while let item = walker.nextObject() as? String {
                guard item.hasSuffix(".json"), !item.hasSuffix(".entities.json") else { continue }
                paths.append("\(folder)/\(item)")
            }
        }
        return paths.sorted()
    }

    /// Runs every test, on all cores.
    public func run() -> ConformanceReport {
        let paths = testPaths()
        let outcomes = Mutex([TestOutcome?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let outcome = runTest(path: paths[index])
            outcomes.withLock { $0[index] = outcome }
        }
        let results = outcomes.withLock { $0.compactMap { $0 } }
        return ConformanceReport(
            failures: results.flatMap(\.failures),
            passed: results.reduce(0) { $0 + $1.passed },
            failed: results.reduce(0) { $0 + $1.failures.count },
            tests: paths.count,
            validationAgreements: results.filter(\.validationAgreed).count
        )
    }

    /// What one test file produced.
    public struct TestOutcome: Sendable {
        /// Failure lines.
        public var failures: [String] = []
        /// Requests that agreed.
        public var passed = 0
        /// True when the validation verdict agreed.
        public var validationAgreed = false
    }

    /// Runs one test file given by its path relative to the corpus directory.
    public func runTest(path: String) -> TestOutcome {
        var outcome = TestOutcome()
        do {
            try ConformanceTest(directory: directory, path: path).run(into: &outcome)
        } catch {
            outcome.failures.append("\(path): \(error)")
        }
        return outcome
    }
}
