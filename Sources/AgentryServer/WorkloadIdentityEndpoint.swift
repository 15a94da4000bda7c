import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy

/// AgentCore's workload-identity API: `POST /identities/GetWorkloadAccessToken`, `…ForJWT` and `…ForUserId`
/// (request `workloadName`, plus `userToken` or `userId`; response `workloadAccessToken`).
///
/// Callers are OAuth clients bound to a tenant, authenticated with HTTP Basic (`client_secret_basic`), that list
/// the workload in their `workloads`; never anonymous. The tenant is always the client's, never read from the body.
/// The token is signed by the tenant's key ring and bound to the workload (`act.sub = agent:<name>`), the user
/// (`sub`), the tenant (`tenant_id`) and a session (`session_id`: the
/// `X-Amzn-Bedrock-AgentCore-Runtime-Session-Id` header, or a fresh id). Its scope is the agent's scopes
/// narrowed by the user token's (ForJWT) or by the client's `workloadScopes` (the other two); it lives at most
/// `server.workloadTokenTTLSeconds` and never past the user token.
struct WorkloadIdentityEndpoint {
    /// Which of the three operations.
    enum Operation: String, CaseIterable {
        case workload = "GetWorkloadAccessToken"
        case forJWT = "GetWorkloadAccessTokenForJWT"
        case forUserID = "GetWorkloadAccessTokenForUserId"
    }

    let platform: Platform

    func handle(_ request: HTTPRequest, _ operation: Operation) -> HTTPResponse {
        do {
            let client = try authenticate(request)
            guard let body = try? JSONValue.parse(request.body).objectValue else {
                throw WorkloadIdentityError.validation("the body must be a JSON object")
            }
            let (tenant, agent) = try workload(body["workloadName"]?.stringValue, client: client)
            let session = try Self.session(request)
            let (user, scopes, limit) = try subject(body, operation, tenant: tenant, agent: agent, client: client)
            let token = try mint(user: user, tenant: tenant, agent: agent, session: session, scopes: scopes, limit)
            IssuanceAudit(platform: platform, client: client, tenant: tenant, requestID: request.requestID)
                .issued(operation.rawValue, token: token)
            return .json(["workloadAccessToken": .string(token)])
        } catch let error as WorkloadIdentityError {
            return error.response
        } catch {
            return WorkloadIdentityError.internalFailure.response
        }
    }

    /// The client, by HTTP Basic only (the body is JSON).
    private func authenticate(_ request: HTTPRequest) throws -> OAuthClientConfig {
        do {
            return try ClientAuthenticator(clients: platform.config.oauthClients ?? []).authenticate(request, form: nil)
        } catch {
            throw WorkloadIdentityError.unauthorized("client authentication is required")
        }
    }

    /// The caller's tenant and the agent named by `workloadName`, which must be a workload of that tenant the
    /// client may act for.
    private func workload(_ name: String?, client: OAuthClientConfig) throws -> (String, AgentConfig) {
        guard let name, name.wholeMatch(of: #/[A-Za-z0-9_.-]{3,255}/#) != nil else {
            throw WorkloadIdentityError.validation("`workloadName` must be 3-255 of A-Z a-z 0-9 _ . -")
        }
        guard let tenant = client.tenant, let tenantConfig = platform.config.tenant(tenant),
            client.workloads?.contains(name) == true, tenantConfig.hasWorkload(name),
            let agent = platform.config.agents.first(where: { $0.id == name })
        else { throw WorkloadIdentityError.accessDenied("the client may not act for this workload") }
        return (tenant, agent)
    }

    /// The user the token speaks for, the scopes it may carry, and the latest it may expire.
    private func subject(
        _ body: [String: JSONValue],
        _ operation: Operation,
        tenant: String,
        agent: AgentConfig,
        client: OAuthClientConfig
    ) throws -> (String, Set<String>, Date?) {
        let agentScopes = Set(agent.scopes)
        let clientScopes = Set(client.workloadScopes ?? [])
        switch operation {
        case .workload:
            return ("workload:" + agent.id, agentScopes.intersection(clientScopes), nil)
        case .forUserID:
            guard let user = body["userId"]?.stringValue, (1...128).contains(user.count) else {
                throw WorkloadIdentityError.validation("`userId` must be 1-128 characters")
            }
            return (user, agentScopes.intersection(clientScopes), nil)
        case .forJWT:
            let verified = try userToken(body["userToken"]?.stringValue, tenant: tenant)
            return (verified.subject, agentScopes.intersection(verified.scopes), verified.expiresAt)
        }
    }

    /// Verifies `userToken` on the edge's path (tenant binding, revocation): an end user's token of the
    /// client's own tenant.
    private func userToken(_ token: String?, tenant: String) throws -> VerifiedToken {
        guard let token, !token.isEmpty, token.utf8.count <= 131_072 else {
            throw WorkloadIdentityError.validation("`userToken` is required")
        }
        guard let verified = try? platform.identity.verifyBound(token), !verified.subject.isEmpty else {
            throw WorkloadIdentityError.unauthorized("the user token is not valid")
        }
        guard verified.tenantID == tenant else {
            throw WorkloadIdentityError.accessDenied("the user token belongs to another tenant")
        }
        guard verified.claims.act == nil else {
            throw WorkloadIdentityError.accessDenied("the user token must be an end user's own token")
        }
        return verified
    }

    private func mint(
        user: String,
        tenant: String,
        agent: AgentConfig,
        session: String,
        scopes: Set<String>,
        _ limit: Date?
    ) throws -> String {
        var ttl = platform.identity.workloadTTL
        if let limit { ttl = min(ttl, limit.timeIntervalSinceNow.rounded(.down)) }
        guard ttl >= 1 else { throw WorkloadIdentityError.unauthorized("the user token is about to expire") }
        let claims = Claims(
            sub: user,
            aud: [IdentityPlane.platformAudience],
            tenantID: tenant,
            scopes: scopes,
            act: ActorClaim(sub: "agent:" + agent.id),
            sessionID: session
        )
        return try platform.identity.issuer(for: tenant).issue(claims, ttl: ttl)
    }

    /// The runtime session header when present (33-256 safe characters), else a fresh session id.
    private static func session(_ request: HTTPRequest) throws -> String {
        guard let given = request.headers[AgentryRoutes.sessionHeader] else {
            return "session-" + Identifiers.hex(bytes: 16)
        }
        guard given.wholeMatch(of: #/[A-Za-z0-9_.:-]{33,256}/#) != nil else {
            throw WorkloadIdentityError.validation("the session id must be 33-256 of A-Z a-z 0-9 - _ . :")
        }
        return given
    }
}
