import Foundation

/// RFC 8693 token exchange as pure logic: form fields and an authenticated client in, a token response out.
///
/// The issued token is addressed to exactly the requested audience, carries the subject's `sub`, `tenant_id`
/// and `session_id`, records the actor (the actor token's subject, or else the client) in `act` on top of the
/// subject's existing chain, has scope = requested ∩ subject ∩ policy-allowed, and never outlives the subject
/// token or ``Configuration/maximumTTL``.
public struct TokenExchanger: Sendable {
    /// Limits of the exchange.
    public struct Configuration: Sendable {
        /// Longest lifetime of an issued token, in seconds (default 900).
        public var maximumTTL: TimeInterval
        /// Most actors allowed in the issued token's `act` chain (default 4).
        public var maximumActorDepth: Int
        /// If true, requesting any scope the subject lacks is `invalid_scope`; if false it is cut (default).
        public var refuseScopeWidening: Bool
        /// Audiences besides the client's own id that a subject token may carry (for example the platform's
        /// API audience on workload tokens). Default none: a subject token must name the presenting client.
        public var acceptedSubjectAudiences: Set<String>

        /// Creates a configuration.
        public init(
            maximumTTL: TimeInterval = 900,
            maximumActorDepth: Int = 4,
            refuseScopeWidening: Bool = false,
            acceptedSubjectAudiences: Set<String> = []
        ) {
            self.maximumTTL = maximumTTL
            self.maximumActorDepth = maximumActorDepth
            self.refuseScopeWidening = refuseScopeWidening
            self.acceptedSubjectAudiences = acceptedSubjectAudiences
        }
    }

    /// The limits in force.
    public let configuration: Configuration
    let verifier: TokenVerifier
    let issuer: TokenIssuer
    let policy: any ExchangePolicy
    let clock: @Sendable () -> Date

    /// Creates an exchanger that verifies input tokens with `verifier` and signs with `issuer`.
    public init(
        verifier: TokenVerifier,
        issuer: TokenIssuer,
        policy: any ExchangePolicy,
        configuration: Configuration = Configuration(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.verifier = verifier
        self.issuer = issuer
        self.policy = policy
        self.configuration = configuration
        self.clock = clock
    }

    /// Performs the exchange for `clientID`, which the HTTP layer has already authenticated.
    /// - Throws: ``OAuthError`` for every protocol failure; `IdentityError` (500) only if signing fails.
    public func exchange(_ request: TokenExchangeRequest, clientID: String?) throws -> TokenExchangeResponse {
        // Reject malformed requests before touching any token.
        guard let clientID, !clientID.isEmpty else { throw OAuthError(.invalidClient, "client is not authenticated") }
        let (subjectToken, target) = try validate(request)

        // The subject must be valid and addressed to this client; the actor must be valid and in the same tenant.
        let subject = try verifyInput(subjectToken, role: "subject")
        try checkSubjectBelongs(subject, to: clientID)
        let actor = try request.actorToken.map { try verifyInput($0, role: "actor") }
        if let actor, !Self.sameTenant(actor, subject) {
            throw OAuthError(.invalidGrant, "actor token belongs to another tenant")
        }

        // Ask the policy what the target may receive, then narrow.
        let context = ExchangeContext(clientID: clientID, audience: target, subject: subject, actor: actor)
        guard let allowed = policy.allowedScopes(for: context) else {
            throw OAuthError(.invalidTarget, "the requested audience may not be targeted")
        }
        let scopes = try grantedScopes(requested: request.scope, subject: subject.scopes, allowed: allowed)

        // Build and sign the new token.
        let act = ActorClaim(sub: actor?.subject ?? clientID, act: subject.claims.act)
        guard act.depth <= configuration.maximumActorDepth else {
            throw OAuthError(.invalidGrant, "delegation chain is too deep")
        }
        let ttl = try lifetime(subject: subject, actor: actor)
        let claims = Claims(
            sub: subject.claims.sub,
            aud: [target],
            tenantID: subject.tenantID,
            scopes: scopes,
            act: act,
            sessionID: subject.claims.sessionID,
            clientID: clientID
        )
        let token = try issuer.issue(claims, ttl: ttl)
        return TokenExchangeResponse(accessToken: token, expiresIn: Int(ttl), scopes: scopes)
    }
}
