import AgentryCore
import Foundation

/// One row of a tenant's decision log, written while a candidate exists or the tenant layer is in log-only
/// mode.
///
/// The log is the tenant's to read, so platform policy ids are reduced to the bare qualifier `platform` before
/// a record is written; tenant ids appear as `tenant/<id>`.
public struct DecisionRecord: Sendable, Hashable {
    /// Sequence number within the scope, 1, 2, 3… (0 until stored; no gaps reveal other scopes).
    public let sequence: Int
    /// When the decision was made.
    public let at: Date
    /// Edge request id, or empty.
    public let requestID: String
    /// The request's principal, action and resource in Cedar form, e.g. `User::"acme/alice"`.
    public let principal: String
    /// The action, e.g. `Action::"Retrieve"`.
    public let action: String
    /// The resource.
    public let resource: String
    /// The tenant layer's mode.
    public let mode: EnforcementMode
    /// The enforced answer.
    public let enforcedAllowed: Bool
    /// The active tenant version, nil when the tenant has none.
    public let activeVersion: Int?
    /// What full enforcement of the active versions would have answered.
    public let activeAllowed: Bool
    /// Determining policies of that answer, qualified.
    public let activeReasons: [String]
    /// The candidate version, when one was evaluated.
    public let candidateVersion: Int?
    /// The candidate's answer.
    public let candidateAllowed: Bool?
    /// The candidate's determining policies, qualified.
    public let candidateReasons: [String]?

    /// True when the candidate would answer differently from full enforcement of the active version.
    public var candidateDiffers: Bool { candidateAllowed.map { $0 != activeAllowed } ?? false }
    /// True when log-only mode let through a request full enforcement would have denied.
    public var modeRelaxed: Bool { enforcedAllowed != activeAllowed }
    /// Either disagreement.
    public var disagreement: Bool { candidateDiffers || modeRelaxed }

    /// The record as JSON.
    public var json: JSONValue {
        [
            "sequence": .number(Double(sequence)), "at": .string(ISO8601DateFormatter().string(from: at)),
            "requestId": .string(requestID), "principal": .string(principal), "action": .string(action),
            "resource": .string(resource), "mode": .string(mode.rawValue),
            "enforced": .string(enforcedAllowed ? "allow" : "deny"),
            "activeVersion": activeVersion.map { .number(Double($0)) } ?? .null,
            "active": .string(activeAllowed ? "allow" : "deny"),
            "activeReasons": .array(activeReasons.map(JSONValue.string)),
            "candidateVersion": candidateVersion.map { .number(Double($0)) } ?? .null,
            "candidate": candidateAllowed.map { .string($0 ? "allow" : "deny") } ?? .null,
            "candidateReasons": candidateReasons.map { .array($0.map(JSONValue.string)) } ?? .null,
            "candidateDiffers": .bool(candidateDiffers), "modeRelaxed": .bool(modeRelaxed),
        ]
    }
}
