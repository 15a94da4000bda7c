import AgentryCore

/// The error every Memory operation throws: a stable code, a client-safe message, the HTTP status.
///
/// Messages never name tenants, users, namespaces or memory content.
public struct MemoryError: AgentryError, Equatable {
    /// Stable dotted code such as `memory.namespace_forbidden`.
    public let code: String
    /// Client-safe explanation in the Cedar error grammar.
    public let message: String
    /// HTTP status at the edge.
    public let status: Int

    /// Creates an error; prefer the named constructors below.
    public init(code: String, message: String, status: Int) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// 403: the namespace, session or user lies outside what the caller's verified identity may reach.
    public static let namespaceForbidden = MemoryError(
        code: "memory.namespace_forbidden",
        message: "namespace is outside the caller's scope",
        status: 403
    )

    /// 400: a delete filter that is empty or a wildcard, which would match more than one user.
    public static let filterTooBroad = MemoryError(
        code: "memory.filter_too_broad",
        message: "filter must name exactly one user",
        status: 400
    )

    /// 400: a write or query without a tenant; never defaulted.
    public static let tenantRequired = MemoryError(
        code: "memory.tenant_required",
        message: "tenant is required",
        status: 400
    )

    /// 400: a malformed identifier, payload or parameter; `what` names the field, never its value.
    public static func invalid(_ what: String) -> MemoryError {
        MemoryError(code: "memory.invalid_request", message: "invalid `\(what)`", status: 400)
    }

    /// 500: the store failed; details stay in the server log.
    public static let storeFailed = MemoryError(
        code: "memory.store_failed",
        message: "memory store failed",
        status: 500
    )
}
