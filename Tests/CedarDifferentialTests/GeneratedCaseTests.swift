import Foundation
import Testing

/// Thousands of generated policy sets, entity stores and requests, answered by cedarpy and by Agentry.
///
/// Environment: `CEDAR_DIFF_SEED` replaces the fixed seed; `CEDAR_DIFF_SAVE=1` writes each disagreement to
/// `Fixtures/` as a fixed case.
@Suite("Differential against cedarpy")
struct GeneratedCaseTests {
    static let fixedSeed = 1729
    static let policySets = 500
    static let requestsPerSet = 8

    @Test("Agentry and cedarpy agree on every generated case of the fixed seed")
    func fixedSeedAgreement() throws {
        guard let python = PackageLocation.python, let generator = PackageLocation.generator else {
            print("CedarDifferentialTests: skipped, no .venv/bin/python or scripts/cedar (run scripts/setup.sh)")
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["CEDAR_DIFF_SEED"].flatMap(Int.init) ?? Self.fixedSeed
        let cases = try generate(python: python, generator: generator, seed: seed)

        var requests = 0
        var disagreements: [(fixture: DifferentialCase, ours: DifferentialAnswer)] = []
        for testCase in cases {
            requests += testCase.requests.count
            disagreements += DifferentialEngine.disagreements(testCase)
        }
        let agreed = requests - disagreements.count
        print("CedarDifferentialTests: seed \(seed), \(cases.count) policy sets, \(requests) requests, \(agreed) agree")

        var kinds: [String: Int] = [:]
        for (fixture, ours) in disagreements {
            kinds["cedarpy \(fixture.requests[0].expected.outcome) / agentry \(ours.outcome)", default: 0] += 1
        }
        for (kind, count) in kinds.sorted(by: { $0.key < $1.key }) { print("  \(count) × \(kind)") }
        for (fixture, ours) in disagreements.prefix(10) {
            let request = fixture.requests[0]
            print("disagreement \(fixture.name): cedarpy \(request.expected) vs agentry \(ours)")
        }
        if environment["CEDAR_DIFF_SAVE"] == "1" {
            // One fixture per kind of disagreement; the rest are usually the same fault again.
            var saved: Set<String> = []
            for (fixture, ours) in disagreements
            where saved.insert("\(fixture.requests[0].expected.outcome)/\(ours.outcome)").inserted {
                try FixtureStore.save(fixture, in: PackageLocation.fixtures)
            }
        }
        #expect(requests >= 3_000)
        let count = disagreements.count
        #expect(count == 0, "\(count) disagreements with cedarpy (seed \(seed)); CEDAR_DIFF_SAVE=1 keeps them")
    }

    /// Runs the generator into a temporary file and decodes its lines.
    private func generate(python: URL, generator: URL, seed: Int) throws -> [DifferentialCase] {
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("cedar-differential-\(ProcessInfo.processInfo.processIdentifier)-\(seed).jsonl")
        defer { try? FileManager.default.removeItem(at: output) }

        let process = Process()
        process.executableURL = python
        process.arguments = [
            generator.path, "--seed", String(seed), "--sets", String(Self.policySets),
            "--requests", String(Self.requestsPerSet), "--out", output.path,
        ]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "the generator failed")

        let decoder = JSONDecoder()
        let text = try String(contentsOf: output, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try decoder.decode(DifferentialCase.self, from: Data(line.utf8))
        }
    }
}
