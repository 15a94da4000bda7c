import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy

/// `POST /oauth2/introspect` (RFC 7662) and `POST /oauth2/revoke` (RFC 7009), for authenticated OAuth clients.
///
/// A client sees only tokens it may know about: any token of its own tenant when it is bound to one, otherwise
/// only tokens issued to it (`client_id`) or addressed to it (`aud`). A token of a tenant's trusted or federated
/// identity provider counts only when addressed to an audience Agentry accepts from that provider, or to the
/// client itself; Agentry's own tokens count whatever their audience (Agentry issued them for it). Anything
/// invalid, expired, revoked or not visible introspects as `{"active":false}` — never an error, whatever the
/// token contains — and revoking it is a silent no-op (200), so neither endpoint tells a client whether another
/// tenant's token exists.
struct OAuthIntrospection {
    let platform: Platform

    /// `POST /oauth2/introspect`.
    func introspect(_ request: HTTPRequest) -> HTTPResponse {
        OAuthReply.run {
            let (client, form) = try authenticated(request)
            let token = try form.required("token")
            _ = try form.single("token_type_hint")
            guard let verified = accepted(token, client: client), Self.visible(verified, to: client) else {
                return OAuthReply.json(["active": false])
            }
            return OAuthReply.json(.object(Self.describe(verified)))
        }
    }

    /// `POST /oauth2/revoke`: revokes a visible token until it expires; every verification path refuses it after.
    func revoke(_ request: HTTPRequest) -> HTTPResponse {
        OAuthReply.run {
            let (client, form) = try authenticated(request)
            let token = try form.required("token")
            _ = try form.single("token_type_hint")
            // Only a verified token may be revoked: a forged one could otherwise name a victim's `jti`.
            if let verified = accepted(token, client: client), Self.visible(verified, to: client) {
                try platform.identity.revoke(verified, token: token)
                platform.audit.record(
                    tenant: verified.tenantID ?? "",
                    requestID: request.requestID,
                    principal: "client:" + client.id,
                    action: "RevokeToken",
                    resource: "token:" + (verified.claims.jti ?? "-"),
                    outcome: "allow",
                    code: ""
                )
            }
            var response = HTTPResponse(status: 200)
            response.headers.set("Cache-Control", "no-store")
            return response
        }
    }

    /// The verified token when Agentry would accept it for some audience: its own tokens for any audience, an
    /// identity provider's only for that provider's configured audiences or the client's id.
    private func accepted(_ token: String, client: OAuthClientConfig) -> VerifiedToken? {
        let identity = platform.identity
        guard let verified = try? identity.verifyAnyAudience(token) else { return nil }
        if verified.issuer == identity.issuerURL { return verified }
        if (try? identity.verifyBound(token)) != nil { return verified }
        return (try? identity.verifyBound(token, audiences: [client.id])) != nil ? verified : nil
    }

    private func authenticated(_ request: HTTPRequest) throws -> (OAuthClientConfig, OAuthForm) {
        let form = try OAuthForm(request)
        let client = try ClientAuthenticator(clients: platform.config.oauthClients ?? [])
            .authenticate(request, form: form)
        return (client, form)
    }

    /// Whether `client` may learn about (or revoke) `token`.
    static func visible(_ token: VerifiedToken, to client: OAuthClientConfig) -> Bool {
        if let tenant = client.tenant { return token.tenantID == tenant }
        return token.claims.clientID == client.id || token.claims.aud.contains(client.id)
    }

    /// The RFC 7662 §2.2 members of an active token, plus Agentry's `tenant_id`, `act` and `session_id`.
    static func describe(_ token: VerifiedToken) -> [String: JSONValue] {
        let claims = token.claims
        var object: [String: JSONValue] = [
            "active": true, "token_type": "Bearer", "iss": .string(token.issuer),
            "exp": .number(token.expiresAt.timeIntervalSince1970.rounded(.down)),
        ]
        let strings: [(String, String?)] = [
            ("sub", claims.sub), ("jti", claims.jti), ("client_id", claims.clientID), ("tenant_id", token.tenantID),
            ("session_id", claims.sessionID),
        ]
        for (name, value) in strings { if let value { object[name] = .string(value) } }
        if let iat = claims.iat { object["iat"] = .number(iat.timeIntervalSince1970.rounded(.down)) }
        if let nbf = claims.nbf { object["nbf"] = .number(nbf.timeIntervalSince1970.rounded(.down)) }
        if !claims.scopes.isEmpty { object["scope"] = .string(claims.scopeString) }
        if claims.aud.count == 1 { object["aud"] = .string(claims.aud[0]) }
        if claims.aud.count > 1 { object["aud"] = .array(claims.aud.map(JSONValue.string)) }
        if let act = claims.act { object["act"] = act.jsonValue() }
        return object
    }
}
