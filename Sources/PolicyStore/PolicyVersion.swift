import AgentryCore
import Foundation

/// What a scope's version is: the one being enforced, the log-only candidate, or neither.
public enum VersionRole: String, Sendable, Hashable {
    /// Enforced now.
    case active
    /// Evaluated and logged beside the active version, not enforced.
    case candidate
    /// Kept for history and rollback.
    case inactive
}

/// A version's metadata, without its text.
public struct PolicyVersionInfo: Sendable, Hashable {
    /// 1, 2, 3 … within the scope.
    public let version: Int
    /// Principal name of who published it.
    public let author: String
    /// The author's comment.
    public let comment: String
    /// When it was published.
    public let createdAt: Date
    /// Hex SHA-256 over the policy and schema text.
    public let contentHash: String
    /// Policy ids in source order.
    public let policyIDs: [String]
    /// True when the version carries a schema.
    public let hasSchema: Bool
    /// Its role in the scope at the time of reading.
    public let role: VersionRole

    /// The metadata as JSON.
    public var json: JSONValue {
        [
            "version": .number(Double(version)), "author": .string(author), "comment": .string(comment),
            "createdAt": .string(ISO8601DateFormatter().string(from: createdAt)),
            "contentHash": .string(contentHash), "policyIds": .array(policyIDs.map(JSONValue.string)),
            "hasSchema": .bool(hasSchema), "role": .string(role.rawValue),
        ]
    }
}

/// A version with its full text.
public struct PolicyVersion: Sendable, Hashable {
    /// Its metadata.
    public let info: PolicyVersionInfo
    /// The Cedar policy text exactly as published.
    public let policies: String
    /// The schema text, if the version has one.
    public let schema: String?

    /// The version as JSON: the metadata plus `policies` and `schema`.
    public var json: JSONValue {
        guard case .object(var object) = info.json else { return info.json }
        object["policies"] = .string(policies)
        object["schema"] = schema.map(JSONValue.string) ?? .null
        return .object(object)
    }
}

/// A scope's state: which version is enforced, which is the candidate, and the tenant layer's mode.
public struct PolicyStatus: Sendable, Hashable {
    /// `platform` or `tenant`.
    public let scope: String
    /// The enforced version, nil before the first publish.
    public let activeVersion: Int?
    /// The log-only candidate version, if any.
    public let candidateVersion: Int?
    /// The newest version number (0 when none); the value to pass as `expectedVersion`.
    public let latestVersion: Int
    /// How the tenant layer takes effect (always `enforce` for the platform scope).
    public let mode: EnforcementMode
    /// For tenants: whether platform policies exist (their ids and text are not shown to tenants).
    public let platformPoliciesPresent: Bool?

    /// The status as JSON.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "scope": .string(scope), "latestVersion": .number(Double(latestVersion)), "mode": .string(mode.rawValue),
            "activeVersion": activeVersion.map { .number(Double($0)) } ?? .null,
            "candidateVersion": candidateVersion.map { .number(Double($0)) } ?? .null,
        ]
        if let platformPoliciesPresent { object["platformPoliciesPresent"] = .bool(platformPoliciesPresent) }
        return .object(object)
    }
}
