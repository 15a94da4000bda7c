import AgentryCore

/// The error `Federation` throws itself (signature, lifetime and audience faults come from Identity as
/// `IdentityError`). Messages never contain a token, a claim value or a tenant id.
public struct FederationError: AgentryError, Equatable {
    /// Stable dotted code such as `federation.tenant_mismatch`.
    public let code: String
    /// Client-safe explanation.
    public let message: String
    /// HTTP status the edge answers with.
    public let status: Int

    /// Creates an error; prefer the named constructors below.
    public init(code: String, message: String, status: Int = 401) {
        self.code = code
        self.message = message
        self.status = status
    }
}

extension FederationError {
    /// The token's `iss` is not exactly the issuer of any configured federation.
    public static let issuerUnknown = FederationError(
        code: "federation.issuer_unknown",
        message: "token issuer is not a configured identity provider"
    )

    /// The tenant claim is missing, unmapped, or names a tenant the issuer is not bound to.
    public static let tenantMismatch = FederationError(
        code: "federation.tenant_mismatch",
        message: "token tenant is not one this identity provider may act for"
    )

    /// Client ids are configured and neither `azp` nor `client_id` names one of them.
    public static let clientNotAllowed = FederationError(
        code: "federation.client_not_allowed",
        message: "token was issued to a client that is not allowed"
    )

    /// The discovery document's `issuer` differs from the configured issuer.
    public static let discoveryIssuerMismatch = FederationError(
        code: "federation.discovery_issuer_mismatch",
        message: "discovery document names another issuer",
        status: 502
    )

    /// Discovery or JWKS could not be fetched or parsed.
    public static func fetchFailed(_ message: String) -> FederationError {
        FederationError(code: "federation.fetch_failed", message: message, status: 502)
    }

    /// The identity provider's response exceeded the size limit.
    public static let responseTooLarge = FederationError(
        code: "federation.response_too_large",
        message: "identity provider response is too large",
        status: 502
    )

    /// A federation configuration entry is invalid; `path` names the field, e.g. `issuers[1].audiences`.
    public static func configInvalid(_ path: String, _ reason: String) -> FederationError {
        FederationError(code: "federation.config_invalid", message: "`\(path)` \(reason)", status: 500)
    }
}
