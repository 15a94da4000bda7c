import AgentryCore

/// What a publish does with the scope's schema.
public enum SchemaChange: Sendable, Hashable {
    /// Keep the schema of the version being replaced (`expectedVersion`).
    case keep
    /// Use this schema, or none when nil.
    case replace(String?)
}

/// Body of `PUT /admin/policies` and `POST /admin/policies/candidate`.
public struct PublishRequest: Sendable, Hashable {
    /// Largest policy or schema text accepted, in UTF-8 bytes (1 MiB).
    public static let maximumTextBytes = 1 << 20

    /// Cedar policy text; every policy carries a unique `@id("…")`.
    public let policies: String
    /// What happens to the schema.
    public let schema: SchemaChange
    /// The scope's latest version as the caller last saw it (0 for the first version).
    public let expectedVersion: Int
    /// A comment for the history (at most 1,000 characters).
    public let comment: String

    /// Creates a request.
    /// - Throws: `policy.bad_request` for oversized text, a negative version or a long comment.
    public init(
        policies: String,
        schema: SchemaChange = .keep,
        expectedVersion: Int,
        comment: String = ""
    ) throws(PolicyStoreError) {
        var texts = [policies]
        if case .replace(let text?) = schema { texts.append(text) }
        guard texts.allSatisfy({ $0.utf8.count <= Self.maximumTextBytes }) else {
            throw .badRequest("text is too large")
        }
        guard expectedVersion >= 0 else { throw .badRequest("`expectedVersion` must not be negative") }
        guard comment.count <= 1_000 else { throw .badRequest("`comment` is longer than 1000 characters") }
        self.policies = policies
        self.schema = schema
        self.expectedVersion = expectedVersion
        self.comment = comment
    }

    /// Reads `{"policies": "…", "expectedVersion": n, "schema"?: "…" | "" | null, "comment"?: "…"}`.
    ///
    /// An absent or null `schema` keeps the current schema; an empty string removes it.
    public init(json: JSONValue) throws(PolicyStoreError) {
        guard let policies = json["policies"].stringValue else { throw .badRequest("`policies` must be a string") }
        let schema: SchemaChange
        switch json["schema"] {
        case .null: schema = .keep
        case .string(let text): schema = .replace(text.isEmpty ? nil : text)
        default: throw .badRequest("`schema` must be a string")
        }
        try self.init(
            policies: policies,
            schema: schema,
            expectedVersion: try JSONFields.integer(json, "expectedVersion"),
            comment: try JSONFields.optionalString(json, "comment") ?? ""
        )
    }
}

/// Body of a rollback: republish `toVersion` as a new version.
public struct RollbackRequest: Sendable, Hashable {
    /// The version whose content is republished.
    public let toVersion: Int
    /// The scope's latest version as the caller last saw it.
    public let expectedVersion: Int
    /// A comment for the history.
    public let comment: String

    /// Creates a request.
    public init(toVersion: Int, expectedVersion: Int, comment: String = "") {
        self.toVersion = toVersion
        self.expectedVersion = expectedVersion
        self.comment = String(comment.prefix(1_000))
    }

    /// Reads `{"toVersion": n, "expectedVersion": m, "comment"?: "…"}`.
    public init(json: JSONValue) throws(PolicyStoreError) {
        self.init(
            toVersion: try JSONFields.integer(json, "toVersion"),
            expectedVersion: try JSONFields.integer(json, "expectedVersion"),
            comment: try JSONFields.optionalString(json, "comment") ?? ""
        )
    }
}

/// Body of `…/candidate/promote` and `…/candidate/discard`.
public struct CandidateRequest: Sendable, Hashable {
    /// When set, the operation applies only if this is still the candidate.
    public let candidateVersion: Int?

    /// Creates a request.
    public init(candidateVersion: Int? = nil) { self.candidateVersion = candidateVersion }

    /// Reads `{"candidateVersion"?: n}`.
    public init(json: JSONValue) throws(PolicyStoreError) {
        candidateVersion = json["candidateVersion"] == .null ? nil : try JSONFields.integer(json, "candidateVersion")
    }
}

/// Body of a mode change: `{"mode": "enforce" | "log_only"}`.
public struct ModeRequest: Sendable, Hashable {
    /// The new mode.
    public let mode: EnforcementMode

    /// Creates a request.
    public init(mode: EnforcementMode) { self.mode = mode }

    /// Reads the JSON body.
    public init(json: JSONValue) throws(PolicyStoreError) {
        guard let mode = json["mode"].stringValue.flatMap(EnforcementMode.init(rawValue:)) else {
            throw .badRequest("`mode` must be `enforce` or `log_only`")
        }
        self.mode = mode
    }
}

/// Paging for the audit and decision logs: rows after sequence `after`, at most `limit` (1–1000, default 100).
public struct LogQuery: Sendable, Hashable {
    /// Only rows with a greater sequence number.
    public let after: Int
    /// At most this many rows.
    public let limit: Int
    /// Decision log only: rows where the candidate or the mode disagreed with full enforcement.
    public let disagreementsOnly: Bool

    /// Creates a query, clamping `limit` to 1–1000.
    public init(after: Int = 0, limit: Int = 100, disagreementsOnly: Bool = false) {
        self.after = max(after, 0)
        self.limit = min(max(limit, 1), 1_000)
        self.disagreementsOnly = disagreementsOnly
    }

    /// Reads query parameters `after`, `limit`, `disagreementsOnly` (`true`/`false`).
    public init(parameters: [String: String]) throws(PolicyStoreError) {
        func number(_ name: String, _ fallback: Int) throws(PolicyStoreError) -> Int {
            guard let text = parameters[name] else { return fallback }
            guard let value = Int(text) else { throw .badRequest("`\(name)` must be an integer") }
            return value
        }
        self.init(
            after: try number("after", 0),
            limit: try number("limit", 100),
            disagreementsOnly: parameters["disagreementsOnly"] == "true"
        )
    }
}

/// The answer to a publish, candidate or rollback.
public struct PublishResponse: Sendable, Hashable {
    /// The version written.
    public let version: PolicyVersionInfo
    /// Validator warnings (they did not refuse the change).
    public let warnings: [PolicyFinding]
    /// The scope's status afterwards.
    public let status: PolicyStatus

    /// `{"version": {…}, "warnings": […], "status": {…}}`.
    public var json: JSONValue {
        ["version": version.json, "warnings": .array(warnings.map(\.json)), "status": status.json]
    }
}

/// Field readers shared by the request types.
enum JSONFields {
    static func integer(_ json: JSONValue, _ name: String) throws(PolicyStoreError) -> Int {
        guard let number = json[name].numberValue, number.rounded() == number, abs(number) < 1e15 else {
            throw .badRequest("`\(name)` must be an integer")
        }
        return Int(number)
    }

    static func optionalString(_ json: JSONValue, _ name: String) throws(PolicyStoreError) -> String? {
        switch json[name] {
        case .null: return nil
        case .string(let text): return text
        default: throw .badRequest("`\(name)` must be a string")
        }
    }
}
