import AgentryCore
import Foundation

/// One row of a scope's append-only policy audit log: a change attempt and its outcome.
///
/// Rows name the actor (a principal name), never a token; they hold the content hash, never policy text.
public struct PolicyAuditEntry: Sendable, Hashable {
    /// What was attempted.
    public enum Action: String, Sendable, Hashable {
        /// Publish a new active version.
        case publish
        /// Publish a new log-only candidate version.
        case proposeCandidate = "propose_candidate"
        /// Make the candidate active.
        case promote
        /// Drop the candidate.
        case discard
        /// Republish an old version's content as a new active version.
        case rollback
        /// Change the tenant layer's enforcement mode.
        case setMode = "set_mode"
    }

    /// Sequence number within the scope: 1, 2, 3… (a cursor for paging; no gaps reveal other scopes).
    public let sequence: Int
    /// Principal name of who attempted the change.
    public let actor: String
    /// The attempted action.
    public let action: Action
    /// The version created or affected, when there is one.
    public let version: Int?
    /// Hash of the content involved, when there is content.
    public let contentHash: String?
    /// `accepted` or `rejected`.
    public let outcome: String
    /// The refusal's error code, empty when accepted.
    public let code: String
    /// Short non-secret detail, e.g. `mode=log_only` or `from=3`.
    public let detail: String
    /// When it happened.
    public let at: Date

    /// The entry as JSON.
    public var json: JSONValue {
        [
            "sequence": .number(Double(sequence)), "actor": .string(actor), "action": .string(action.rawValue),
            "version": version.map { .number(Double($0)) } ?? .null,
            "contentHash": contentHash.map(JSONValue.string) ?? .null, "outcome": .string(outcome),
            "code": .string(code), "detail": .string(detail),
            "at": .string(ISO8601DateFormatter().string(from: at)),
        ]
    }
}
