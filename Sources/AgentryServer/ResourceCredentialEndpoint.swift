import AgentryCore
import Foundation
import HTTP
import Identity
import Storage
import Vault

/// AgentCore's outbound-credential operations for workloads: `GetResourceApiKey` (`{workloadIdentityToken,
/// resourceCredentialProviderName}` → `{apiKey}`) and `GetResourceOauth2Token` (`… scopes, oauth2Flow` →
/// `{accessToken}`).
///
/// The caller proves itself with a workload token only: issued by Agentry, acting as an agent (`act`), bound to a
/// session, not revoked. The tenant comes from that token alone, so another tenant's workload asking for a name
/// gets exactly the answer a missing name gets — as does an agent the provider's `allowedWorkloads` leave out.
/// Every attempt by a verified workload is audited (never the secret). `M2M` performs an OAuth 2.0
/// `client_credentials` grant at the provider's token endpoint with the vault-held client secret;
/// `USER_FEDERATION` performs an RFC 8693 token exchange there for the workload token's user (three-legged consent
/// is refused as unsupported). Secrets appear only in the success body: never in errors or logs.
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
        var audit: (tenant: String, principal: String, resource: String)?
        do {
            guard let body = try? JSONValue.parse(request.body).objectValue else {
                throw ResourceCredentialError.validation("the body must be a JSON object")
            }
            let (tenant, agent, verified) = try workload(body["workloadIdentityToken"]?.stringValue)
            let name = try providerName(body["resourceCredentialProviderName"]?.stringValue)
            audit = (tenant, tenant + "/" + verified.subject + " (agent:" + agent + ")", "credential-provider:" + name)
            let credential = try reveal(tenant: tenant, name: name, agent: agent)
            let reply: JSONValue
            switch operation {
            case .apiKey: reply = try apiKey(credential)
            case .oauth2Token: reply = try await oauth2Token(credential, body, workload: verified)
            }
            logger.info(
                "resource credential issued",
                [LogKey.tenant: tenant, LogKey.agent: agent, "credential.kind": credential.kind.rawValue]
            )
            record(audit, request, operation, outcome: "allow", code: "")
            return .json(reply)
        } catch let error as ResourceCredentialError {
            record(audit, request, operation, outcome: error.status == 404 ? "deny" : "failed", code: error.code)
            return error.response
        } catch {
            record(audit, request, operation, outcome: "failed", code: "internal")
            return ResourceCredentialError.internalFailure.response
        }
    }

    /// One audit row per release attempt by a verified workload: tenant, user and agent, provider, outcome.
    private func record(
        _ audit: (tenant: String, principal: String, resource: String)?,
        _ request: HTTPRequest,
        _ operation: Operation,
        outcome: String,
        code: String
    ) {
        guard let audit else { return }
        platform.audit.record(
            tenant: audit.tenant,
            requestID: request.requestID,
            principal: audit.principal,
            action: operation.rawValue,
            resource: audit.resource,
            outcome: outcome,
            code: code
        )
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

    /// The tenant's credential; a missing name, another tenant's name and a provider whose `allowedWorkloads`
    /// leave `agent` out are the same 404.
    private func reveal(tenant: String, name: String, agent: String) throws -> Credential {
        do {
            let access = try ResourceCredentialAccess(database: platform.vault.database)
            guard try access.allows(tenant: tenant, name: name, agent: agent) else {
                throw ResourceCredentialError.notFound
            }
            return try platform.vault.reveal(tenant: tenant, name: name)
        } catch let error as VaultError where error == .notFound {
            throw ResourceCredentialError.notFound
        } catch let error as VaultError {
            logger.error("vault read failed", [LogKey.tenant: tenant, LogKey.errorCode: error.code])
            throw ResourceCredentialError.internalFailure
        } catch let error as StorageError {
            logger.error("credential access read failed", [LogKey.tenant: tenant, LogKey.errorCode: error.code])
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
    /// of a token Agentry mints for it (``providerSubjectType``, `sub` = the workload token's user, `aud` = the
    /// provider's client id, which may not be one of Agentry's own, scope = the workload token's ∩ the requested,
    /// the workload's `act` chain, no session, at most 60 s), so the user's own token never leaves Agentry;
    /// three-legged consent (`resourceOauth2ReturnUrl`, `forceAuthentication`) is refused. Requested scopes must be
    /// among the provider's configured ones when it lists any.
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
        // Providers stored before client ids of Agentry itself were refused at PUT are refused here too.
        let reserved = Set((platform.config.oauthClients ?? []).map(\.id))
        guard !ResourceCredentialProviderRequest.isReservedClientID(client.clientID, reserved: reserved) else {
            throw ResourceCredentialError.validation("the credential provider's client id is reserved")
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
        return try Self.signSubject(
            ProviderSubject(
                user: user,
                tenant: tenant,
                audience: client.clientID,
                // Never more than the workload itself holds, whatever the provider is configured for.
                scopes: Set(scopes).intersection(workload.scopes),
                act: workload.claims.act
            ),
            issuer: platform.identity.issuerURL,
            key: platform.identity.ring(for: tenant).activeKey,
            ttl: ttl
        )
    }

    /// What a subject token minted for a provider says.
    struct ProviderSubject {
        let user: String
        let tenant: String
        let audience: String
        let scopes: Set<String>
        let act: ActorClaim?
    }

    /// The JWS type of subject tokens minted for providers. Agentry's verifier accepts only `JWT` and `at+jwt`,
    /// so such a token is refused by the edge, `GetResource*`, `/oauth2/token`, introspection and the gateway.
    static let providerSubjectType = "agentry-provider-subject+jwt"

    /// Signs a subject token for a provider: `typ` ``providerSubjectType``, no `session_id`, a fresh `jti`.
    static func signSubject(
        _ subject: ProviderSubject,
        issuer: String,
        key: SigningKey,
        ttl: TimeInterval
    ) throws
        -> String
    {
        let now = Date().timeIntervalSince1970.rounded(.down)
        let claims = Claims(
            iss: issuer,
            sub: subject.user,
            aud: [subject.audience],
            exp: Date(timeIntervalSince1970: now + ttl),
            iat: Date(timeIntervalSince1970: now),
            jti: Identifiers.hex(bytes: 16),
            tenantID: subject.tenant,
            scopes: subject.scopes,
            act: subject.act
        )
        return try CompactJWS.sign(
            header: ["typ": .string(providerSubjectType), "kid": .string(key.kid)],
            payload: JSONValue.object(claims.jsonObject()).serialized(),
            with: key
        )
    }
}
