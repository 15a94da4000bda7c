import AgentryCore
import Foundation
import HTTP
import Identity
import Vault

/// AgentCore's outbound-credential operations for workloads: `GetResourceApiKey` (`{workloadIdentityToken,
/// resourceCredentialProviderName}` → `{apiKey}`) and `GetResourceOauth2Token` (`… scopes, oauth2Flow` →
/// `{accessToken}`).
///
/// The caller proves itself with a workload token only: issued by Agentry, acting as an agent (`act`), bound to a
/// session, not revoked. The tenant comes from that token alone, so another tenant's workload asking for a name
/// gets exactly the answer a missing name gets. `M2M` performs an OAuth 2.0 `client_credentials` grant at the
/// provider's token endpoint with the vault-held client secret; `USER_FEDERATION` performs an RFC 8693 token
/// exchange there for the workload token's user (three-legged consent is refused as unsupported). Secrets appear
/// only in the success body: never in errors or logs.
struct ResourceCredentialEndpoint {
    /// Which operation.
    enum Operation: String, CaseIterable {
        case apiKey = "GetResourceApiKey"
        case oauth2Token = "GetResourceOauth2Token"

        /// Every path served: Agentry's `/identities/<Operation>` and AgentCore's own paths.
        static let routes: [(String, Operation)] = [
            ("/identities/GetResourceApiKey", .apiKey), ("/identities/api-key", .apiKey),
            ("/identities/GetResourceOauth2Token", .oauth2Token), ("/identities/oauth2/token", .oauth2Token),
        ]
    }

    let platform: Platform
    private let logger = Logger(label: "agentry.credentials")

    init(platform: Platform) {
        self.platform = platform
    }

    func handle(_ request: HTTPRequest, _ operation: Operation) async -> HTTPResponse {
        do {
            guard let body = try? JSONValue.parse(request.body).objectValue else {
                throw ResourceCredentialError.validation("the body must be a JSON object")
            }
            let (tenant, agent, verified) = try workload(body["workloadIdentityToken"]?.stringValue)
            let name = try providerName(body["resourceCredentialProviderName"]?.stringValue)
            let credential = try reveal(tenant: tenant, name: name)
            let reply: JSONValue
            switch operation {
            case .apiKey: reply = try apiKey(credential)
            case .oauth2Token: reply = try await oauth2Token(credential, body, workload: verified)
            }
            logger.info(
                "resource credential issued",
                [LogKey.tenant: tenant, LogKey.agent: agent, "credential.kind": credential.kind.rawValue]
            )
            return .json(reply)
        } catch let error as ResourceCredentialError {
            return error.response
        } catch {
            return ResourceCredentialError.internalFailure.response
        }
    }

    /// The tenant and agent of a valid workload token: Agentry's own, acting as an agent in a session.
    private func workload(_ token: String?) throws -> (String, String, VerifiedToken) {
        guard let token, (1...131_072).contains(token.utf8.count) else {
            throw ResourceCredentialError.validation("`workloadIdentityToken` is required")
        }
        guard let verified = try? platform.identity.verifyBound(token) else {
            throw ResourceCredentialError.unauthorized("the workload identity token is not valid")
        }
        guard verified.issuer == platform.identity.issuerURL, let tenant = verified.tenantID,
            let actor = verified.claims.act?.sub, actor.hasPrefix("agent:"),
            verified.claims.sessionID?.isEmpty == false
        else { throw ResourceCredentialError.accessDenied("a workload identity token is required") }
        return (tenant, String(actor.dropFirst("agent:".count)), verified)
    }

    private func providerName(_ name: String?) throws -> String {
        guard let name, name.wholeMatch(of: #/[A-Za-z0-9_-]{1,128}/#) != nil else {
            throw ResourceCredentialError.validation(
                "`resourceCredentialProviderName` must be 1-128 of A-Z a-z 0-9 - _"
            )
        }
        return name
    }

    /// The tenant's credential; a missing name and another tenant's name are the same 404.
    private func reveal(tenant: String, name: String) throws -> Credential {
        do {
            return try platform.vault.reveal(tenant: tenant, name: name)
        } catch let error as VaultError where error == .notFound {
            throw ResourceCredentialError.notFound
        } catch let error as VaultError {
            logger.error("vault read failed", [LogKey.tenant: tenant, LogKey.errorCode: error.code])
            throw ResourceCredentialError.internalFailure
        }
    }

    private func apiKey(_ credential: Credential) throws -> JSONValue {
        guard case .apiKey(let key) = credential else {
            throw ResourceCredentialError.validation("the credential provider does not hold an API key")
        }
        return ["apiKey": .string(key)]
    }

    /// `M2M`: a client-credentials grant at the provider. `USER_FEDERATION`: an RFC 8693 exchange at the provider
    /// of a token Agentry mints for it (`sub` = the workload token's user, `aud` = the provider's client id, the
    /// workload's `act` chain, at most 60 s), so the user's own token never leaves Agentry; three-legged consent
    /// (`resourceOauth2ReturnUrl`, `forceAuthentication`) is refused. Requested scopes must be among the
    /// provider's configured ones when it lists any.
    private func oauth2Token(
        _ credential: Credential,
        _ body: [String: JSONValue],
        workload: VerifiedToken
    ) async throws -> JSONValue {
        guard case .oauth2Client(let client) = credential else {
            throw ResourceCredentialError.validation(
                "the credential provider does not hold OAuth 2.0 client credentials"
            )
        }
        let requested = body["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if !client.scopes.isEmpty, requested.contains(where: { !client.scopes.contains($0) }) {
            throw ResourceCredentialError.validation("`scopes` names a scope the provider is not configured for")
        }
        let scopes = requested.isEmpty ? client.scopes : requested
        let grant = ResourceCredentialGrant(client: client)
        switch body["oauth2Flow"]?.stringValue {
        case "M2M":
            return ["accessToken": .string(try await grant.fetch(scopes: scopes))]
        case "USER_FEDERATION":
            let subject = try delegatedSubject(workload, client: client, scopes: scopes, body: body)
            let custom = body["customParameters"]?.objectValue ?? [:]
            let extra = ["audience", "resource"].compactMap { name in custom[name]?.stringValue.map { (name, $0) } }
            return ["accessToken": .string(try await grant.fetch(scopes: scopes, subjectToken: subject, extra: extra))]
        default:
            throw ResourceCredentialError.validation("`oauth2Flow` must be M2M or USER_FEDERATION")
        }
    }

    /// The subject token for a user-delegated exchange: only for a workload token that carries a user.
    private func delegatedSubject(
        _ workload: VerifiedToken,
        client: OAuth2ClientCredential,
        scopes: [String],
        body: [String: JSONValue]
    ) throws -> String {
        guard body["resourceOauth2ReturnUrl"] == nil, body["forceAuthentication"]?.boolValue != true else {
            throw ResourceCredentialError.validation("three-legged consent flows are not supported")
        }
        let user = workload.subject
        guard !user.isEmpty, !user.hasPrefix("workload:"), let tenant = workload.tenantID else {
            throw ResourceCredentialError.validation("USER_FEDERATION needs a workload token that acts for a user")
        }
        let ttl = min(60, workload.expiresAt.timeIntervalSinceNow.rounded(.down))
        guard ttl >= 1 else { throw ResourceCredentialError.unauthorized("the workload identity token is expiring") }
        let claims = Claims(
            sub: user,
            aud: [client.clientID],
            tenantID: tenant,
            scopes: Set(scopes),
            act: workload.claims.act,
            sessionID: workload.claims.sessionID
        )
        return try platform.identity.issuer(for: tenant).issue(claims, ttl: ttl)
    }
}
