import AgentryCore
import Foundation
import Telemetry

/// `demo-report.json`: per-tenant answers and usage, and one check per scenario step.
public struct DemoReport: Codable, Sendable {
    /// A citation: which document of which tenant.
    public struct Citation: Codable, Sendable, Equatable {
        /// Document id.
        public let document: String
        /// Tenant that owns it.
        public let tenant: String
    }

    /// One question (or summary request) and its answer.
    public struct Answer: Codable, Sendable {
        /// What was asked.
        public let question: String
        /// What the agent answered (after output redaction).
        public let answer: String
        /// The documents the answer cites.
        public let citations: [Citation]
    }

    /// What one tenant got.
    public struct TenantSection: Codable, Sendable {
        /// The tenant's answers.
        public var answers: [Answer]
        /// The tenant's usage during the run.
        public var usage: UsageFigures
    }

    /// One verified property of the scenario.
    public struct Check: Codable, Sendable {
        /// Scenario step.
        public let name: String
        /// True when the property held.
        public let passed: Bool
        /// What was observed.
        public let detail: String
    }

    /// Sections by tenant id.
    public var tenants: [String: TenantSection]
    /// The checks, in scenario order.
    public var checks: [Check]
    /// Usage totals over all tenants.
    public var totals: UsageFigures?
    /// Spans recorded during the run, by name, and how many lacked a tenant tag (must be 0).
    public var spans: SpanSummary?

    /// What the tracer recorded.
    public struct SpanSummary: Codable, Sendable {
        /// Span count by name.
        public let byName: [String: Int]
        /// Spans recorded without `tenant.id` (each one a bug).
        public let missingTenant: Int
        /// Spans of the required names that joined an invocation's trace.
        public let tracesWithModelCall: Int
    }

    /// True when every check passed.
    public var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }

    /// Pretty JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A readable summary for the terminal.
    public func summary() -> String {
        var lines = ["", "DocAssist demo — \(checks.filter(\.passed).count)/\(checks.count) checks passed", ""]
        for tenant in tenants.keys.sorted() {
            guard let section = tenants[tenant] else { continue }
            lines.append("[\(tenant)]")
            for answer in section.answers {
                lines.append("  Q: \(answer.question)")
                lines.append("  A: \(answer.answer.replacingOccurrences(of: "\n", with: " ").prefix(220))…")
                lines.append("     cites: \(Set(answer.citations.map(\.document)).sorted().joined(separator: ", "))")
            }
            lines.append("")
        }
        for check in checks {
            lines.append("\(check.passed ? "PASS" : "FAIL")  \(check.name): \(check.detail)")
        }
        return lines.joined(separator: "\n")
    }
}
