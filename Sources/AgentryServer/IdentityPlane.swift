import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy

/// Agentry as token issuer and verifier: key rings (one shared ring, one per tenant whose keys are siloed), user
/// and workload tokens, and the RFC 8693 exchange the Gateway uses for downstream credentials.
public final class IdentityPlane: Sendable {
    /// Audience of tokens meant for Agentry's own APIs.
    public static let platformAudience = "agentry"
    /// The OAuth client id the gateways exchange tokens as.
    static func gatewayClient(_ gateway: String) -> String { "gateway:" + gateway }

    /// Issuer URL (`iss` of every token Agentry signs).
    public let issuerURL: String
    let platformRing: KeyRing
    let tenantRings: [String: KeyRing]
    let tenants: Set<String>
    let verifier: TokenVerifier
    let workloadTTL: TimeInterval
    let replay = ReplayCache()

    /// Opens (or creates) the key rings under `keysDirectory`.
    public init(config: DeploymentConfig, issuerURL: String, keysDirectory: URL) throws {
        self.issuerURL = issuerURL
        platformRing = try KeyRing(name: "platform", directory: keysDirectory)
        var rings: [String: KeyRing] = [:]
        for tenant in config.tenants where config.tiers[tenant.tier]?.keys == .silo {
            rings[tenant.id] = try KeyRing(name: "tenant-" + tenant.id, directory: keysDirectory)
        }
        tenantRings = rings
        tenants = Set(config.tenants.map(\.id))
        workloadTTL = TimeInterval(config.server.workloadTokenTTLSeconds)
        let allRings = [platformRing] + Array(rings.values)
        let keys = KeySource { kid in allRings.flatMap { $0.verificationKeys(kid: kid) } }
        verifier = TokenVerifier(
            issuers: [TrustedIssuer(issuer: issuerURL, keys: keys, audiences: [Self.platformAudience])])
    }

    /// The key ring that signs for `tenant`.
    func ring(for tenant: String) -> KeyRing {
        tenantRings[tenant] ?? platformRing
    }

    /// A token issuer signing with `tenant`'s ring.
    func issuer(for tenant: String) -> TokenIssuer {
        TokenIssuer(issuer: issuerURL, keyRing: ring(for: tenant))
    }

    /// Every public key Agentry signs with, for `/.well-known/jwks.json`.
    public var jwks: JWKS {
        JWKS(keys: ([platformRing] + tenantRings.values.sorted { $0.name < $1.name }).flatMap { $0.jwks.keys })
    }

    /// Issues an end-user token (what an IdP would issue; used by `agentry token issue` and the demo).
    public func issueUserToken(tenant: String, user: String, scopes: Set<String>, ttl: TimeInterval) throws -> String {
        guard tenants.contains(tenant) else {
            throw CodedError.badRequest("unknown tenant `\(tenant)`", code: "identity.unknown_tenant")
        }
        let claims = Claims(
            sub: user,
            aud: [Self.platformAudience],
            tenantID: tenant,
            scopes: scopes
        )
        return try issuer(for: tenant).issue(claims, ttl: ttl)
    }

    /// Verifies a bearer token and checks that it was signed by its tenant's own ring.
    public func authenticate(_ request: HTTPRequest) throws -> Principal {
        guard let token = request.bearerToken else {
            throw CodedError.unauthenticated("a bearer token is required", code: "auth.token_missing")
        }
        let verified = try verifyBound(token)
        guard let tenant = verified.claims.tenantID, let user = verified.claims.sub, !user.isEmpty else {
            throw CodedError.unauthenticated("the token names no known tenant and user", code: "auth.tenant_unknown")
        }
        return Principal(
            tenant: tenant,
            user: user,
            scopes: verified.scopes,
            actors: verified.claims.act?.chain ?? [],
            sessionID: verified.claims.sessionID,
            verified: verified,
            token: token
        )
    }

    /// Verifies a token Agentry issued and checks that the key that signed it belongs to the token's own tenant
    /// (that tenant's ring when its keys are siloed, the shared ring otherwise). Every path that accepts an
    /// Agentry token — the edge and the token endpoint alike — goes through here.
    /// - Returns: the verified token.
    /// - Throws: an `identity.*` error (401), `auth.tenant_unknown` or `auth.key_tenant_mismatch` (401).
    public func verifyBound(_ token: String) throws -> VerifiedToken {
        let verified = try verifier.verify(token)
        guard let tenant = verified.claims.tenantID, tenants.contains(tenant) else {
            throw CodedError.unauthenticated("the token names no known tenant", code: "auth.tenant_unknown")
        }
        // A key of one tenant's ring (or the shared ring) can never vouch for another tenant.
        guard let kid = verified.keyID, !ring(for: tenant).verificationKeys(kid: kid).isEmpty else {
            throw CodedError.unauthenticated(
                "the token was not signed for its tenant",
                code: "auth.key_tenant_mismatch"
            )
        }
        return verified
    }

    /// A workload token for `agent` acting for `principal` in `session`, with scopes narrowed to `agentScopes`.
    public func workloadToken(
        for principal: Principal,
        agent: String,
        session: String,
        agentScopes: Set<String>
    )
        throws -> String
    {
        let factory = WorkloadTokenFactory(issuer: issuer(for: principal.tenant), audience: Self.platformAudience)
        return try factory.mint(
            for: principal.verified,
            agentID: agent,
            sessionID: session,
            scopes: agentScopes,
            ttl: workloadTTL
        )
    }
}

extension IdentityPlane {
    /// Exchanges `principal`'s token (RFC 8693) for one addressed to `audience` carrying at most `scope`, acting
    /// as OAuth client `client`; the issued token's `act` names the client above the existing chain.
    ///
    /// This is the same exchange `POST /oauth2/token` performs; the Gateway calls it in-process.
    public func exchange(
        token: String,
        tenant: String,
        client: String,
        audience: String,
        scope: String
    ) throws
        -> String
    {
        _ = try verifyBound(token)
        let policy = StaticExchangePolicy(targets: [client: [audience: [scope]]])
        let request = try TokenExchangeRequest(form: [
            ("grant_type", TokenExchangeRequest.grantType), ("subject_token", token),
            ("subject_token_type", TokenExchangeRequest.accessTokenType), ("audience", audience), ("scope", scope),
        ])
        return try exchanger(for: tenant, policy: policy).exchange(request, clientID: client).accessToken
    }

    /// A token exchanger signing with `tenant`'s ring.
    func exchanger(for tenant: String, policy: any ExchangePolicy) -> TokenExchanger {
        TokenExchanger(
            verifier: verifier,
            issuer: issuer(for: tenant),
            policy: policy,
            configuration: .init(maximumTTL: 300, acceptedSubjectAudiences: [Self.platformAudience])
        )
    }
}
