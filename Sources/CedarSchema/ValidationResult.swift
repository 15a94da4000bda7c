/// One thing the validator found in a policy.
public struct ValidationFinding: Hashable, Sendable, CustomStringConvertible {
    /// The policy (or template) id.
    public let policyID: String
    /// A stable dotted code, e.g. `validation.unrecognized_entity_type` or `validation.impossible_policy`.
    public let code: String
    /// What Cedar would say, lower case, user text in backticks.
    public let message: String
    /// True for warnings, which do not make validation fail (e.g. an impossible policy).
    public let isWarning: Bool

    /// `[policy0] for policy `policy0`, message`, as Cedar prints its findings.
    public var description: String { "[\(policyID)] for policy `\(policyID)`, \(message)" }
}

/// The outcome of strict validation: every finding, and whether the policies pass.
public struct ValidationResult: Sendable {
    /// Errors and warnings, policy by policy in policy-set order.
    public let findings: [ValidationFinding]

    /// The findings that make validation fail.
    public var errors: [ValidationFinding] { findings.filter { !$0.isWarning } }
    /// The findings that do not.
    public var warnings: [ValidationFinding] { findings.filter(\.isWarning) }
    /// True when there are no errors.
    public var passed: Bool { errors.isEmpty }
}
