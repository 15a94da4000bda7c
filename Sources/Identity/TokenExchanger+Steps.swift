import Foundation

extension TokenExchanger {
    /// Input token types accepted for `subject_token_type` and `actor_token_type`.
    static let acceptedInputTypes: Set<String> = [
        TokenExchangeRequest.accessTokenType, TokenExchangeRequest.jwtTokenType,
    ]

    /// Checks the grant type and parameters; returns the subject token and the single target.
    func validate(_ request: TokenExchangeRequest) throws -> (String, String) {
        guard request.grantType == TokenExchangeRequest.grantType else {
            throw OAuthError(.unsupportedGrantType, "grant type is not supported")
        }
        guard let subject = request.subjectToken, !subject.isEmpty else {
            throw OAuthError(.invalidRequest, "`subject_token` is required")
        }
        guard let type = request.subjectTokenType, Self.acceptedInputTypes.contains(type) else {
            throw OAuthError(.invalidRequest, "`subject_token_type` is missing or not supported")
        }
        if request.actorToken != nil || request.actorTokenType != nil {
            guard let actor = request.actorToken, !actor.isEmpty, let actorType = request.actorTokenType,
                Self.acceptedInputTypes.contains(actorType)
            else { throw OAuthError(.invalidRequest, "`actor_token` and a supported `actor_token_type` go together") }
        }
        if let requested = request.requestedTokenType, requested != TokenExchangeRequest.accessTokenType {
            throw OAuthError(.invalidRequest, "`requested_token_type` is not supported")
        }
        let targets = request.audience + request.resource
        guard let target = targets.first, !target.isEmpty else {
            throw OAuthError(.invalidRequest, "`audience` or `resource` is required")
        }
        guard targets.count == 1 else { throw OAuthError(.invalidTarget, "only one audience may be requested") }
        return (subject, target)
    }

    /// Verifies an input token (signature, issuer, lifetime; the audience is judged separately).
    func verifyInput(_ token: String, role: StaticString) throws -> VerifiedToken {
        do {
            let (verified, _) = try verifier.verifyExceptAudience(token)
            guard verified.claims.sub?.isEmpty == false else { throw IdentityError.claimMissing("sub") }
            return verified
        } catch {
            throw OAuthError(.invalidGrant, "\(role) token is invalid")
        }
    }

    /// A subject token may only be exchanged by the client it was issued to (its `aud`), never by a third party.
    func checkSubjectBelongs(_ subject: VerifiedToken, to clientID: String) throws {
        let accepted = configuration.acceptedSubjectAudiences.union([clientID])
        do {
            try TokenVerifier.checkAudience(subject.claims.aud, expected: accepted)
        } catch {
            throw OAuthError(.invalidRequest, "subject token was issued to another client")
        }
        guard subject.tenantID?.isEmpty == false else {
            throw OAuthError(.invalidGrant, "subject token has no tenant")
        }
    }

    /// Whether two verified tokens belong to the same tenant.
    static func sameTenant(_ lhs: VerifiedToken, _ rhs: VerifiedToken) -> Bool {
        guard let left = lhs.tenantID, let right = rhs.tenantID else { return false }
        return left.utf8.elementsEqual(right.utf8)
    }

    /// requested ∩ subject ∩ allowed (requested defaults to the subject's scopes).
    func grantedScopes(requested: String?, subject: Set<String>, allowed: Set<String>) throws -> Set<String> {
        let asked = requested.map(Claims.parseScope) ?? subject
        if configuration.refuseScopeWidening, !asked.isSubset(of: subject) {
            throw OAuthError(.invalidScope, "requested scope exceeds the subject token's scope")
        }
        let granted = asked.intersection(subject).intersection(allowed)
        guard !granted.isEmpty else { throw OAuthError(.invalidScope, "no requested scope can be granted") }
        return granted
    }

    /// The issued lifetime: at most the configured maximum and the remaining life of every input token.
    func lifetime(subject: VerifiedToken, actor: VerifiedToken?) throws -> TimeInterval {
        let now = clock()
        var remaining = subject.expiresAt.timeIntervalSince(now)
        if let actor { remaining = min(remaining, actor.expiresAt.timeIntervalSince(now)) }
        let ttl = min(configuration.maximumTTL, issuer.maximumTTL, remaining).rounded(.down)
        guard ttl >= 1 else { throw OAuthError(.invalidGrant, "subject token is about to expire") }
        return ttl
    }
}
