import AgentryCore
import Foundation

/// Who a verified external token speaks for, in Agentry's terms.
public struct FederatedIdentity: Sendable, Hashable {
    /// The Agentry tenant, taken from the issuer's configuration and confirmed by the token's tenant claim.
    public let tenantID: String
    /// The `sub` claim (empty when absent).
    public let subject: String
    /// The issuer that matched `iss` exactly.
    public let issuer: String
    /// The OAuth client: `azp`, else `client_id`, if the token names one.
    public let clientID: String?
    /// Granted scopes from `scope` (and Entra's `scp`).
    public let scopes: Set<String>
    /// Mapped claims (attribute name → claim value) for Cedar principal attributes.
    public let attributes: [String: JSONValue]
    /// The token's expiry.
    public let expiresAt: Date

    /// Creates an identity; ``FederatedVerifier`` does this.
    public init(
        tenantID: String,
        subject: String,
        issuer: String,
        clientID: String?,
        scopes: Set<String>,
        attributes: [String: JSONValue],
        expiresAt: Date
    ) {
        self.tenantID = tenantID
        self.subject = subject
        self.issuer = issuer
        self.clientID = clientID
        self.scopes = scopes
        self.attributes = attributes
        self.expiresAt = expiresAt
    }
}
