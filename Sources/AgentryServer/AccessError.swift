import AgentryCore

/// The edge's refusals, each with a stable code.
enum AccessError {
    /// The request names a tenant or tenant-owned resource other than the caller's.
    static let tenantMismatch = CodedError(
        "auth.tenant_mismatch",
        "the request names a tenant other than the caller's",
        status: 403
    )
    /// Cedar said no.
    static let policyDenied = CodedError("policy.denied", "the policy does not permit this request", status: 403)
    /// A workload token was used where only an end user may act.
    static let userRequired = CodedError(
        "auth.user_token_required",
        "this operation needs an end-user token",
        status: 403
    )
    /// A policy administration route was called without the `policy:admin` scope.
    static let policyAdminRequired = CodedError(
        "auth.policy_admin_required",
        "this operation needs the `policy:admin` scope",
        status: 403
    )
}
