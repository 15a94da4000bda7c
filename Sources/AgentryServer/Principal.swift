import AgentryCore
import Identity

/// The authenticated caller of a request, derived only from a verified token.
public struct Principal: Sendable {
    /// Tenant of the token (its issuer, key ring and `tenant_id` agree).
    public let tenant: String
    /// The end user (`sub`).
    public let user: String
    /// Granted scopes.
    public let scopes: Set<String>
    /// Acting workloads, outermost first (from `act`); empty for a user acting directly.
    public let actors: [String]
    /// Session bound into a workload token.
    public let sessionID: String?
    /// The verified token.
    public let verified: VerifiedToken
    /// The raw token, only to be passed on as a subject token; never logged.
    public let token: String
    /// Claims of a federated identity provider's token mapped to attribute names by the issuer's
    /// `attributeMapping` (for Cedar principal attributes); empty for Agentry's own and static-key tokens.
    public var attributes: [String: JSONValue] = [:]

    /// True when an agent or service acts for the user.
    public var isDelegated: Bool { !actors.isEmpty }

    /// Cedar entity id of the principal, namespaced by tenant.
    public var entityID: String { tenant + "/" + user }
}
