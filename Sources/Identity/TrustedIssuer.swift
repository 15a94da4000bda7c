import Foundation

/// One issuer a ``TokenVerifier`` accepts, with its keys, the audiences it may address, and its tenant.
public struct TrustedIssuer: Sendable {
    /// The exact `iss` value; compared byte for byte, never by prefix, containment or normalisation.
    public let issuer: String
    /// Where the issuer's verification keys come from.
    public let keys: KeySource
    /// Audiences accepted from this issuer; a token must name at least one. Empty accepts no token.
    public let audiences: Set<String>
    /// The tenant this issuer is bound to, if it is a tenant's IdP. A token from it whose `tenant_id` names
    /// another tenant is refused, and tokens without `tenant_id` are attributed to this tenant.
    public let tenantID: String?

    /// Creates a trusted issuer.
    public init(issuer: String, keys: KeySource, audiences: Set<String>, tenantID: String? = nil) {
        self.issuer = issuer
        self.keys = keys
        self.audiences = audiences
        self.tenantID = tenantID
    }
}
