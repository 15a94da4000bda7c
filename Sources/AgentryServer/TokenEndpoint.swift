import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy

/// `POST /oauth2/token`: the `client_credentials` grant and RFC 8693 token exchange, for configured OAuth clients
/// authenticated by `client_secret_basic` or `client_secret_post`.
///
/// Exchange: the subject (and any actor) token must be valid, unrevoked, and of the client's own tenant; the issued
/// token's scope is requested ∩ subject ∩ what the client may obtain for the audience, its lifetime never outlives
/// the subject (nor `oauth.exchangedTokenTTLSeconds`), its `act` nests the chain (at most
/// `oauth.maxActorChainDepth` deep), it is signed by the subject tenant's own key ring, and an actor token is
/// good for one exchange only. Errors follow RFC 6749 §5.2.
struct TokenEndpoint {
    let platform: Platform

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        OAuthReply.run {
            let form = try OAuthForm(request)
            let client = try ClientAuthenticator(clients: platform.config.oauthClients ?? [])
                .authenticate(request, form: form)
            let grant = try form.required("grant_type")
            guard OAuthClientConfig.knownGrantTypes.contains(grant) else {
                throw OAuthFailure.unsupportedGrantType("the grant type is not supported")
            }
            guard client.allows(grantType: grant) else {
                throw OAuthFailure.unauthorizedClient("the client may not use this grant type")
            }
            if grant == OAuthClientConfig.clientCredentialsGrant {
                return try clientCredentials(form, client: client, requestID: request.requestID)
            }
            return try exchange(form, client: client, requestID: request.requestID)
        }
    }

    /// RFC 8693 token exchange.
    private func exchange(_ form: OAuthForm, client: OAuthClientConfig, requestID: String) throws -> HTTPResponse {
        // Well-formed request first, so a bad parameter is never reported as a bad token.
        let authentication: Set<String> = ["client_id", "client_secret"]
        let request = try TokenExchangeRequest(form: form.pairs.filter { !authentication.contains($0.0) })
        guard request.subjectToken?.isEmpty == false, request.subjectTokenType?.isEmpty == false else {
            throw OAuthFailure.invalidRequest("`subject_token` and `subject_token_type` are required")
        }

        // The subject decides the tenant; a tenant's client never crosses into another tenant.
        let identity = platform.identity
        let subject = try verified(request.subjectToken, role: "subject", client: client)
        guard let tenant = subject.tenantID, client.tenant.map({ $0 == tenant }) ?? true else {
            throw OAuthFailure.invalidGrant("the subject token belongs to another tenant")
        }
        let actor = try request.actorToken.map { try verified($0, role: "actor", client: client) }
        if let actor, actor.tenantID != tenant {
            throw OAuthFailure.invalidGrant("the actor token belongs to another tenant")
        }

        // Narrow and sign, then use up the actor token (only a successful exchange consumes it).
        let policy = StaticExchangePolicy(targets: [client.id: client.targets.mapValues(Set.init)])
        let audit = IssuanceAudit(platform: platform, client: client, tenant: tenant, requestID: requestID)
        let issued: TokenExchangeResponse
        do {
            issued = try identity.exchanger(for: tenant, policy: policy).exchange(request, clientID: client.id)
            if let actor, let token = request.actorToken, try !identity.consumeOnce(actor, token: token) {
                throw OAuthFailure.invalidGrant("the actor token was already used")
            }
        } catch {
            audit.refused("ExchangeToken", subject: subject.subject, error: error)
            throw error
        }
        audit.issued("ExchangeToken", token: issued.accessToken)
        return OAuthReply.json(try JSONValue.parse(issued.jsonBody))
    }

    /// Verifies an input token on the edge's path (binding to its tenant, revocation), addressed to the presenting
    /// client, or to Agentry when the client belongs to a tenant (a platform client sees only tokens addressed to it,
    /// never a tenant's user tokens for Agentry's API).
    private func verified(_ token: String?, role: String, client: OAuthClientConfig) throws -> VerifiedToken {
        let audiences: Set<String> = client.tenant == nil ? [client.id] : [IdentityPlane.platformAudience, client.id]
        guard let token, !token.isEmpty, let verified = try? platform.identity.verifyBound(token, audiences: audiences)
        else {
            throw OAuthFailure.invalidGrant("the \(role) token is not valid")
        }
        return verified
    }
}
