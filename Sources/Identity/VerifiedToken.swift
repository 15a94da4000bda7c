import Foundation

/// A token whose signature, issuer, lifetime and audience have all been checked.
///
/// It deliberately does not keep the token text, so it can be logged or stored without leaking a credential.
public struct VerifiedToken: Sendable, Hashable {
    /// The verified claims.
    public let claims: Claims
    /// The header `kid` the token was verified with, if it had one.
    public let keyID: String?
    /// The header `alg`.
    public let algorithm: JWSAlgorithm
    /// The trusted issuer that matched `iss` exactly.
    public let issuer: String
    /// The tenant: the issuer's bound tenant if it has one, else the `tenant_id` claim.
    public let tenantID: String?
    /// `exp`, which verification requires.
    public let expiresAt: Date

    /// Creates a verified token; only ``TokenVerifier`` and tests should need this.
    public init(
        claims: Claims,
        keyID: String?,
        algorithm: JWSAlgorithm,
        issuer: String,
        tenantID: String?,
        expiresAt: Date
    ) {
        self.claims = claims
        self.keyID = keyID
        self.algorithm = algorithm
        self.issuer = issuer
        self.tenantID = tenantID
        self.expiresAt = expiresAt
    }

    /// The `sub` claim, or the empty string when absent.
    public var subject: String { claims.sub ?? "" }
    /// The granted scopes.
    public var scopes: Set<String> { claims.scopes }
}
