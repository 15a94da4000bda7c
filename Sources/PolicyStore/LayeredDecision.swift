/// The outcome of one authorisation over the platform layer and the caller's tenant layer.
///
/// Policy ids are qualified with their layer, `platform/<id>` or `tenant/<id>`; only the caller's own tenant
/// layer is ever evaluated, so no other tenant's ids can appear.
public struct LayeredDecision: Sendable, Hashable {
    /// The enforced answer: true when the request may proceed.
    public let allowed: Bool
    /// Determining policies of the enforced answer: satisfied forbids on a forbid-deny, satisfied permits on
    /// allow, empty on default deny.
    public let reasons: [String]
    /// Policies skipped because they failed to evaluate, qualified.
    public let erroring: [String]
    /// The tenant layer's mode for this decision.
    public let mode: EnforcementMode
    /// What full enforcement of the active versions answers (differs from ``allowed`` only in log-only mode).
    public let fullEnforcement: Outcome
    /// The log-only candidate's answer, when the tenant has a candidate.
    public let candidate: CandidateOutcome?
    /// The stable code of a store failure that forced a deny (policies could not be loaded), else nil.
    public let failure: String?

    /// An answer and its determining policies, qualified.
    public struct Outcome: Sendable, Hashable {
        /// True when permitted.
        public let allowed: Bool
        /// Determining policies, qualified.
        public let reasons: [String]
    }

    /// A candidate version's answer for the same request.
    public struct CandidateOutcome: Sendable, Hashable {
        /// The candidate version.
        public let version: Int
        /// What the platform layer plus the candidate would have answered.
        public let allowed: Bool
        /// Its determining policies, qualified.
        public let reasons: [String]
    }

    /// ``reasons`` as a tenant may see them: platform ids are replaced by the bare `platform` qualifier.
    public var tenantVisibleReasons: [String] { Self.redactPlatform(reasons) }

    /// Replaces each `platform/<id>` by `platform`, once.
    static func redactPlatform(_ ids: [String]) -> [String] {
        var out: [String] = []
        for id in ids {
            let shown = id.hasPrefix("platform/") ? "platform" : id
            if !out.contains(shown) { out.append(shown) }
        }
        return out
    }
}
