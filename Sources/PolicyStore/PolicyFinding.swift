import AgentryCore

/// One problem found in policy text or its schema: a parse error, a store rule (missing `@id`, template) or a
/// validator finding.
public struct PolicyFinding: Sendable, Hashable {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Hashable {
        /// Refuses the change.
        case error
        /// Reported with the accepted change; does not refuse it.
        case warning
    }

    /// Error or warning.
    public let severity: Severity
    /// Stable dotted code, e.g. `policy.parse_error`, `policy.id_missing`, or a validator's own code.
    public let code: String
    /// Explanation for the author of the policies (it may name their own policy ids and types).
    public let message: String
    /// The policy the finding is about, when known.
    public let policyID: String?
    /// One-based line in the submitted text, when known.
    public let line: Int?
    /// One-based column in the submitted text, when known.
    public let column: Int?

    /// Creates a finding.
    public init(
        severity: Severity = .error,
        code: String,
        message: String,
        policyID: String? = nil,
        line: Int? = nil,
        column: Int? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.policyID = policyID
        self.line = line
        self.column = column
    }

    /// The finding as a JSON object; absent fields are left out.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "severity": .string(severity.rawValue), "code": .string(code), "message": .string(message),
        ]
        if let policyID { object["policyId"] = .string(policyID) }
        if let line { object["line"] = .number(Double(line)) }
        if let column { object["column"] = .number(Double(column)) }
        return .object(object)
    }
}
