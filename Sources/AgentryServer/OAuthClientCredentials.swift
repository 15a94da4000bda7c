import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy

extension TokenEndpoint {
    /// The `client_credentials` grant (RFC 6749 §4.4): a token for the client itself, in its tenant.
    ///
    /// The audience comes from `audience` or `resource` (or the client's only target when it has one) and must be
    /// one of the client's targets, never Agentry's own API audience, so such a token can never pass for a user's
    /// at the edge. The scope must lie within what the client may obtain there (all of it when omitted).
    func clientCredentials(_ form: OAuthForm, client: OAuthClientConfig, requestID: String) throws -> HTTPResponse {
        guard let tenant = client.tenant else {
            throw OAuthFailure.unauthorizedClient("the client belongs to no tenant")
        }
        let audience = try Self.audience(form, client: client)
        guard audience != IdentityPlane.platformAudience, let allowed = client.targets[audience] else {
            throw OAuthFailure.invalidTarget("the requested audience may not be targeted")
        }
        let requested = try form.single("scope").map(Claims.parseScope) ?? Set(allowed)
        guard requested.isSubset(of: Set(allowed)) else {
            throw OAuthFailure.invalidScope("the requested scope exceeds what the client may obtain")
        }
        guard !requested.isEmpty else { throw OAuthFailure.invalidScope("no scope can be granted") }

        let ttl = platform.config.oauth.clientCredentialsTTLSeconds
        let claims = Claims(sub: client.id, aud: [audience], tenantID: tenant, scopes: requested, clientID: client.id)
        let token = try platform.identity.issuer(for: tenant).issue(claims, ttl: TimeInterval(ttl))
        IssuanceAudit(platform: platform, client: client, tenant: tenant, requestID: requestID)
            .issued("IssueClientToken", token: token)
        return OAuthReply.json([
            "access_token": .string(token), "token_type": "Bearer", "expires_in": .number(Double(ttl)),
            "scope": .string(requested.sorted().joined(separator: " ")),
            "issued_token_type": .string(TokenExchangeRequest.accessTokenType),
        ])
    }

    /// The single requested target, or the client's only target.
    private static func audience(_ form: OAuthForm, client: OAuthClientConfig) throws -> String {
        let targets = form.pairs.filter { $0.0 == "audience" || $0.0 == "resource" }.map(\.1)
        guard targets.count <= 1 else { throw OAuthFailure.invalidTarget("only one audience may be requested") }
        if let target = targets.first, !target.isEmpty { return target }
        guard client.targets.count == 1, let only = client.targets.keys.first else {
            throw OAuthFailure.invalidRequest("`audience` or `resource` is required")
        }
        return only
    }
}
