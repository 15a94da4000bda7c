import AgentryCore
import Authorization
import Foundation

/// Decides requests over the platform's policies and the requesting tenant's own, as one Cedar policy set.
///
/// The effective set is the platform's active version plus the tenant's active version: a satisfied forbid in
/// either layer denies, otherwise a satisfied permit in either allows, otherwise the default is deny — exactly
/// Cedar's answer for the union, computed layer by layer so ids stay qualified (`platform/<id>`,
/// `tenant/<id>`). Parsed sets come from an in-memory cache; a warm decision reads no SQLite. When the tenant
/// has a log-only candidate, or its layer is in ``EnforcementMode/logOnly``, the decision is also written to the
/// decision log (buffered, see ``PolicyStore/flushDecisionLog()``). Never throws: a store failure denies.
public final class LayeredPolicyEngine: Sendable {
    private let cache: PolicyCache
    private let decisionLog: DecisionLogBuffer
    private let authorizer = Authorizer()
    private let clock: @Sendable () -> Date
    private let logger = Logger(label: "agentry.policy")

    init(cache: PolicyCache, decisionLog: DecisionLogBuffer, clock: @escaping @Sendable () -> Date) {
        self.cache = cache
        self.decisionLog = decisionLog
        self.clock = clock
    }

    /// Decides `request` for a principal of `tenant`.
    ///
    /// - Parameters:
    ///   - tenant: the tenant of the verified token — never a value the client supplied.
    ///   - request: the Cedar request, built by the server from the verified principal.
    ///   - entities: the request's entities.
    ///   - requestID: the edge request id, recorded in the decision log.
    /// - Returns: the enforced decision, with the candidate's answer when one exists.
    public func decide(
        tenant: String,
        request: AuthorizationRequest,
        entities: Entities,
        requestID: String = ""
    ) -> LayeredDecision {
        guard PolicyScope.isValidTenantID(tenant) else { return Self.failed("policy.forbidden") }
        let platform: ScopeSnapshot
        let own: ScopeSnapshot
        do {
            platform = try cache.snapshot(.platform)
            own = try cache.snapshot(.tenant(tenant))
        } catch {
            logger.error("policy load failed", [LogKey.tenant: tenant, LogKey.errorCode: "policy.storage_failed"])
            return Self.failed("policy.storage_failed")
        }
        let decision = evaluate(request, entities, platform: platform, tenant: own)
        if decision.mode == .logOnly || decision.candidate != nil {
            decisionLog.append(
                .tenant(tenant),
                Self.record(decision, request, requestID, activeVersion: own.head.active, at: clock())
            )
        }
        return decision
    }

    /// Evaluates each layer once and combines the answers for enforcement, full enforcement and the candidate.
    private func evaluate(
        _ request: AuthorizationRequest,
        _ entities: Entities,
        platform: ScopeSnapshot,
        tenant: ScopeSnapshot
    ) -> LayeredDecision {
        func run(_ set: PolicySet?, _ qualifier: String) -> LayerAnswer {
            guard let set else { return .empty }
            return LayerAnswer(authorizer.isAuthorized(request, policies: set, entities: entities), qualifier)
        }
        let platformAnswer = run(platform.active?.full, "platform")
        let permits = run(tenant.active?.permits, "tenant")
        let forbids = run(tenant.active?.forbids, "tenant")

        // Full enforcement and what the mode lets through: log-only drops the tenant's forbids only.
        let full = LayerAnswer.combine([platformAnswer, permits, forbids])
        let mode = tenant.head.mode
        let enforced = mode == .logOnly ? LayerAnswer.combine([platformAnswer, permits]) : full
        let candidate = tenant.candidate.map { compiled in
            let answer = LayerAnswer.combine([platformAnswer, run(compiled.full, "tenant")])
            return LayeredDecision.CandidateOutcome(
                version: compiled.version,
                allowed: answer.allowed,
                reasons: answer.reasons
            )
        }
        return LayeredDecision(
            allowed: enforced.allowed,
            reasons: enforced.reasons,
            erroring: full.erroring,
            mode: mode,
            fullEnforcement: .init(allowed: full.allowed, reasons: full.reasons),
            candidate: candidate,
            failure: nil
        )
    }

    private static func failed(_ code: String) -> LayeredDecision {
        LayeredDecision(
            allowed: false,
            reasons: [],
            erroring: [],
            mode: .enforce,
            fullEnforcement: .init(allowed: false, reasons: []),
            candidate: nil,
            failure: code
        )
    }

    private static func record(
        _ decision: LayeredDecision,
        _ request: AuthorizationRequest,
        _ requestID: String,
        activeVersion: Int?,
        at: Date
    ) -> DecisionRecord {
        DecisionRecord(
            sequence: 0,
            at: at,
            requestID: requestID,
            principal: request.principal.description,
            action: request.action.description,
            resource: request.resource.description,
            mode: decision.mode,
            enforcedAllowed: decision.allowed,
            activeVersion: activeVersion,
            activeAllowed: decision.fullEnforcement.allowed,
            activeReasons: LayeredDecision.redactPlatform(decision.fullEnforcement.reasons),
            candidateVersion: decision.candidate?.version,
            candidateAllowed: decision.candidate?.allowed,
            candidateReasons: decision.candidate.map { LayeredDecision.redactPlatform($0.reasons) }
        )
    }
}

/// One layer's (or a combination's) answer, with qualified ids.
struct LayerAnswer: Sendable {
    var forbids: [String]
    var permits: [String]
    var erroring: [String]

    static let empty = LayerAnswer(forbids: [], permits: [], erroring: [])

    init(forbids: [String], permits: [String], erroring: [String]) {
        self.forbids = forbids
        self.permits = permits
        self.erroring = erroring
    }

    /// Reads an authorizer response: its reasons are the satisfied forbids on a forbid-deny, the satisfied
    /// permits on allow (a layer that allowed had no satisfied forbid).
    init(_ response: AuthorizationResponse, _ qualifier: String) {
        let reasons = response.reasons.sorted().map { qualifier + "/" + $0 }
        forbids = response.decision == .deny ? reasons : []
        permits = response.decision == .allow ? reasons : []
        erroring = response.erroringPolicyIDs.sorted().map { qualifier + "/" + $0 }
    }

    /// Cedar's rule over the union of the layers: any forbid denies, then any permit allows, else deny.
    static func combine(_ answers: [LayerAnswer]) -> LayerAnswer {
        LayerAnswer(
            forbids: answers.flatMap(\.forbids),
            permits: answers.flatMap(\.permits),
            erroring: answers.flatMap(\.erroring)
        )
    }

    var allowed: Bool { forbids.isEmpty && !permits.isEmpty }
    var reasons: [String] { forbids.isEmpty ? permits : forbids }
}
