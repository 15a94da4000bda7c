import Foundation

/// Mints the short-lived workload token an agent receives for one session: it speaks for the user (`sub`),
/// records the agent as actor (`act.sub = "agent:<id>"`, on top of any chain the user token already had), and
/// carries only scopes both the user has and the caller asks for.
public struct WorkloadTokenFactory: Sendable {
    /// Default lifetime of a workload token: 5 minutes.
    public static let defaultTTL: TimeInterval = 300

    /// The audience workload tokens are addressed to (Agentry's own API, for example `agentry`).
    public let audience: String
    /// Longest lifetime accepted, in seconds (default 3600).
    public let maximumTTL: TimeInterval
    private let issuer: TokenIssuer
    private let clock: @Sendable () -> Date

    /// Creates a factory that signs with `issuer`.
    public init(
        issuer: TokenIssuer,
        audience: String,
        maximumTTL: TimeInterval = 3600,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.issuer = issuer
        self.audience = audience
        self.maximumTTL = maximumTTL
        self.clock = clock
    }

    /// Issues a workload token for `agentID` acting for `user` in `sessionID`.
    /// - Parameters:
    ///   - user: the verified user token; supplies `sub`, the tenant and any existing `act` chain.
    ///   - agentID: the agent's id; the actor becomes `agent:<agentID>`.
    ///   - sessionID: the runtime session, written to `session_id`.
    ///   - scopes: the narrowed scope set; the token carries `scopes ∩ user.scopes`.
    ///   - ttl: lifetime in seconds (default 300), further capped by ``maximumTTL`` and the user token's expiry.
    /// - Returns: the compact JWT. Never log it.
    /// - Throws: `IdentityError.invalidArgument` for empty ids, a missing user tenant, or a user token about to
    ///   expire; `.cryptoFailure` if signing fails.
    public func mint(
        for user: VerifiedToken,
        agentID: String,
        sessionID: String,
        scopes: Set<String>,
        ttl: TimeInterval = WorkloadTokenFactory.defaultTTL
    ) throws -> String {
        guard !agentID.isEmpty, !sessionID.isEmpty, let sub = user.claims.sub, !sub.isEmpty else {
            throw IdentityError.invalidArgument("workload token needs a user, an agent and a session")
        }
        guard let tenant = user.tenantID, !tenant.isEmpty else {
            throw IdentityError.invalidArgument("workload token needs a tenant")
        }
        let remaining = user.expiresAt.timeIntervalSince(clock())
        let lifetime = min(ttl, maximumTTL, remaining).rounded(.down)
        guard lifetime >= 1 else { throw IdentityError.invalidArgument("user token is about to expire") }
        let claims = Claims(
            sub: sub,
            aud: [audience],
            tenantID: tenant,
            scopes: scopes.intersection(user.scopes),
            act: ActorClaim(sub: "agent:" + agentID, act: user.claims.act),
            sessionID: sessionID
        )
        return try issuer.issue(claims, ttl: lifetime)
    }
}
