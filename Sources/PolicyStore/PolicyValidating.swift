import Authorization

/// Checks a parsed policy set against a schema before a change takes effect.
///
/// The store calls this after parsing and its own rules pass, and refuses the change when any finding has
/// severity ``PolicyFinding/Severity/error``. Implementations report a schema that cannot be parsed as an error
/// finding too. `schemaText` is the schema in force for the scope (see ``PolicyAdministration``), or nil when
/// the scope has none; what a validator does without a schema is its own choice.
public protocol PolicyValidating: Sendable {
    /// Returns every finding for `policies` under `schemaText`; an empty array accepts them.
    func validate(policies: PolicySet, schemaText: String?) -> [PolicyFinding]
}

/// A validator made from a closure, to plug in a schema validator from another module without a dependency.
public struct ClosureValidator: PolicyValidating {
    private let body: @Sendable (PolicySet, String?) -> [PolicyFinding]

    /// Wraps `body`, called as `body(policies, schemaText)`.
    public init(_ body: @escaping @Sendable (PolicySet, String?) -> [PolicyFinding]) {
        self.body = body
    }

    /// Calls the closure.
    public func validate(policies: PolicySet, schemaText: String?) -> [PolicyFinding] {
        body(policies, schemaText)
    }
}

/// The validator used until a schema validator is plugged in: accepts every policy set that parses.
public struct AcceptingValidator: PolicyValidating {
    /// Creates the validator.
    public init() {}

    /// Returns no findings.
    public func validate(policies: PolicySet, schemaText: String?) -> [PolicyFinding] { [] }
}
