import AgentryCore

/// The error every policy-store operation throws, with a stable code, its HTTP status and, for refused
/// changes, the findings that explain the refusal.
///
/// Messages follow Cedar's grammar (lower case, no final period) and carry no policy text, tenant ids or
/// tokens; details for the caller's own policies travel in ``findings``.
public struct PolicyStoreError: AgentryError, Equatable {
    /// Stable dotted code, e.g. `policy.version_conflict`.
    public let code: String
    /// Client-safe explanation.
    public let message: String
    /// HTTP status the code maps to.
    public let status: Int
    /// Parse and validation findings of a refused change (only for `policy.invalid`).
    public let findings: [PolicyFinding]

    /// Creates an error.
    public init(code: String, message: String, status: Int, findings: [PolicyFinding] = []) {
        self.code = code
        self.message = message
        self.status = status
        self.findings = findings
    }

    /// 409 `policy.version_conflict`: the caller's `expectedVersion` is stale.
    public static func versionConflict(expected: Int, latest: Int) -> PolicyStoreError {
        PolicyStoreError(
            code: "policy.version_conflict",
            message: "expected version \(expected) but the latest version is \(latest)",
            status: 409
        )
    }

    /// 400 `policy.invalid`: the policy text or schema failed parsing or validation.
    public static func invalid(_ findings: [PolicyFinding]) -> PolicyStoreError {
        let errors = findings.filter { $0.severity == .error }.count
        return PolicyStoreError(
            code: "policy.invalid",
            message: "policies were refused with \(errors) error finding\(errors == 1 ? "" : "s")",
            status: 400,
            findings: findings
        )
    }

    /// 404 `policy.not_found`: no such version (or candidate) in the caller's scope.
    public static func notFound(_ message: String) -> PolicyStoreError {
        PolicyStoreError(code: "policy.not_found", message: message, status: 404)
    }

    /// 403 `policy.forbidden`: the caller may not do this.
    public static func forbidden(_ message: String) -> PolicyStoreError {
        PolicyStoreError(code: "policy.forbidden", message: message, status: 403)
    }

    /// 400 `policy.bad_request`: a malformed administration request.
    public static func badRequest(_ message: String) -> PolicyStoreError {
        PolicyStoreError(code: "policy.bad_request", message: message, status: 400)
    }

    /// 400 `policy.unsupported`: the operation does not apply to the caller's scope.
    public static func unsupported(_ message: String) -> PolicyStoreError {
        PolicyStoreError(code: "policy.unsupported", message: message, status: 400)
    }

    /// 409 `policy.version_conflict`: the candidate named is no longer the scope's candidate.
    public static func candidateConflict(expected: Int) -> PolicyStoreError {
        PolicyStoreError(
            code: "policy.version_conflict",
            message: "version \(expected) is not the current candidate",
            status: 409
        )
    }

    /// 500 `policy.storage_failed`: the database failed; the message stays generic.
    public static func storage() -> PolicyStoreError {
        PolicyStoreError(code: "policy.storage_failed", message: "policy storage failed", status: 500)
    }

    /// The JSON error body, `{"error": {"code", "message", "findings"?}}`.
    public var json: JSONValue {
        var body: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        if !findings.isEmpty { body["findings"] = .array(findings.map(\.json)) }
        return ["error": .object(body)]
    }
}
