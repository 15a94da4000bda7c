/// The authorizer's answer.
public struct AuthorizationResponse: Sendable {
    /// Allow or deny.
    public enum Decision: String, Hashable, Sendable {
        /// At least one permit was satisfied and no forbid.
        case allow
        /// A forbid was satisfied, or no permit was (default deny).
        case deny
    }

    /// The decision.
    public let decision: Decision
    /// The determining policies: satisfied forbids on a forbid-deny, satisfied permits on allow, empty on default
    /// deny.
    public let reasons: Set<String>
    /// Policies skipped because their condition failed to evaluate, in policy order.
    public let errors: [PolicyErrorInfo]

    /// The ids in ``errors``.
    public var erroringPolicyIDs: Set<String> { Set(errors.map(\.policyID)) }
}

/// A policy that could not be evaluated for a request.
public struct PolicyErrorInfo: Hashable, Sendable {
    /// The policy's id.
    public let policyID: String
    /// The evaluation error.
    public let error: EvaluationError
}
