/// The outcome of a conformance run: one line per failure and the totals.
public struct ConformanceReport: Sendable, CustomStringConvertible {
    /// One short line per failing request or validation-verdict mismatch, sorted by test path.
    public let failures: [String]
    /// Requests (and validation verdicts) that agreed with the expected answers.
    public let passed: Int
    /// Requests that disagreed, plus one per validation-verdict mismatch.
    public let failed: Int
    /// The number of test files run.
    public let tests: Int
    /// The number of tests whose validation verdict agreed with `shouldValidate`.
    public let validationAgreements: Int

    /// True when at least one test ran and nothing failed (an empty corpus usually means a mistyped path).
    public var isSuccess: Bool { failed == 0 && tests > 0 }

    /// A one-line summary, e.g. `2648 tests: 21148 requests passed, 0 failed; validation 2648/2648`.
    public var summary: String {
        "\(tests) tests: \(passed) passed, \(failed) failed; validation verdicts \(validationAgreements)/\(tests)"
    }

    /// The failure lines followed by the summary.
    public var description: String { (failures + [summary]).joined(separator: "\n") }
}
