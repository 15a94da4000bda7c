import AgentryCore

/// The difference between two versions of one scope, policy by policy (matched by `@id`).
public struct PolicyDiff: Sendable, Hashable {
    /// The older version.
    public let from: Int
    /// The newer version.
    public let to: Int
    /// Ids only in the newer version.
    public let added: [String]
    /// Ids only in the older version.
    public let removed: [String]
    /// Ids in both whose source text differs.
    public let changed: [String]
    /// Ids in both with identical source text.
    public let unchanged: [String]

    init(from: Int, to: Int, before: [PolicyDocument.PolicySource], after: [PolicyDocument.PolicySource]) {
        self.from = from
        self.to = to
        let old = Dictionary(before.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        let new = Set(after.map(\.id))
        added = after.map(\.id).filter { old[$0] == nil }
        removed = before.map(\.id).filter { !new.contains($0) }
        changed = after.filter { old[$0.id] != nil && old[$0.id] != $0.text }.map(\.id)
        unchanged = after.filter { old[$0.id] == $0.text }.map(\.id)
    }

    /// The diff as JSON.
    public var json: JSONValue {
        [
            "from": .number(Double(from)), "to": .number(Double(to)),
            "added": .array(added.map(JSONValue.string)), "removed": .array(removed.map(JSONValue.string)),
            "changed": .array(changed.map(JSONValue.string)), "unchanged": .array(unchanged.map(JSONValue.string)),
        ]
    }
}
