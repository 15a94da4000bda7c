import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy
import Vault

/// Agentry as token issuer and verifier: key rings (one shared ring, one per tenant whose keys are siloed), user
/// and workload tokens, and the RFC 8693 exchange the Gateway uses for downstream credentials.
public final class IdentityPlane: Sendable {
    /// Audience of tokens meant for Agentry's own APIs.
    public static let platformAudience = "agentry"
    /// The OAuth client id the gateways exchange tokens as.
    static func gatewayClient(_ gateway: String) -> String { "gateway:" + gateway }

    /// Issuer URL (`iss` of every token Agentry signs).
    public let issuerURL: String
    /// The shared ring and every silo tenant's ring, kept in step with their directories.
    let rings: KeyRotationRings
    /// Prunes retired keys and picks up outside rotations while the plane lives (nil when not maintaining).
    private let maintenance: MaintenanceTimer?
    let tenants: Set<String>
    let verifier: TokenVerifier
    /// Agentry itself and the tenants' statically keyed issuers (the federated ones are added per verifier).
    private let staticIssuers: [TrustedIssuer]
    /// Tenants' OpenID Connect providers, verified through a mirror of their JWKS caches.
    let federation: FederatedEdge
    let workloadTTL: TimeInterval
    let replay = ReplayCache()
    /// Tenant identity providers trusted with static keys: issuer → tenant.
    let externalIssuers: [String: String]
    /// Revoked and consumed token ids, persisted beside the key rings.
    let revocations: RevocationStore
    /// Limits of the token endpoint.
    let oauth: OAuthSettings

    /// Opens (or creates) the key rings under `keysDirectory` and the revocation store beside it
    /// (`revocations.sqlite` in `keysDirectory`'s parent, the data directory).
    /// - Parameters:
    ///   - config: the validated deployment configuration; `server.signingAlgorithm`, each silo tenant's
    ///     `signingAlgorithm` and `server.keyRotation` shape the rings (see ``SigningConfig``).
    ///   - issuerURL: `iss` of every token Agentry signs.
    ///   - keysDirectory: the parent of the key rings' directories, inside the data directory.
    ///   - vault: seals private keys at rest under its data keys (the platform's for the shared ring, the
    ///     tenant's for a silo ring); plain `key-N.pem` files left by earlier versions are sealed on open. Default:
    ///     the data directory's vault, opened as ``VaultBootstrap`` describes.
    ///   - maintainKeys: whether to run key maintenance (delete retired keys, pick up rotations made by
    ///     `agentry keys rotate`) every `server.keyRotation.checkIntervalSeconds`; default true.
    /// - Throws: a key-ring or storage error, or `config.invalid` when an algorithm, a trusted or a federated
    ///   issuer is unusable.
    public init(
        config: DeploymentConfig,
        issuerURL: String,
        keysDirectory: URL,
        vault: CredentialVault? = nil,
        maintainKeys: Bool = true
    ) throws {
        self.issuerURL = issuerURL
        let vault = try vault ?? VaultBootstrap.open(dataDirectory: keysDirectory.deletingLastPathComponent())
        let setup = try SigningConfig(config: config)
        let rings = try KeyRotationRings(setup: setup, directory: keysDirectory, vault: vault)
        self.rings = rings
        maintenance =
            maintainKeys
            ? MaintenanceTimer(label: "agentry.identity.key-maintenance", interval: rings.setup.checkInterval) {
                [weak rings] in rings?.maintain()
            } : nil
        tenants = Set(config.tenants.map(\.id))
        workloadTTL = TimeInterval(config.server.workloadTokenTTLSeconds)
        oauth = config.oauth
        revocations = try RevocationStore(
            path: keysDirectory.deletingLastPathComponent().appendingPathComponent("revocations.sqlite").path
        )
        let keys = KeySource { kid in rings.all.flatMap { $0.verificationKeys(kid: kid) } }
        let own = TrustedIssuer(issuer: issuerURL, keys: keys, audiences: [Self.platformAudience])
        let external = try Self.externalIssuers(config, excluding: issuerURL)
        externalIssuers = Dictionary(external.map { ($0.issuer, $0.tenantID ?? "") }) { first, _ in first }
        staticIssuers = [own] + external
        federation = try FederatedEdge(config: config, reserved: Set(staticIssuers.map(\.issuer)))
        // Key types pin what each key can verify (an EC P-256 key only ES256), so allowing every algorithm lets
        // tenant IdPs use RSA or EdDSA without letting any token switch the algorithm of a given key; a federated
        // issuer's own `allowedAlgorithms` is checked again when the token is bound.
        verifier = TokenVerifier(
            issuers: staticIssuers + federation.trustedIssuers(),
            allowedAlgorithms: Set(JWSAlgorithm.allCases)
        )
    }

    /// Each tenant's statically keyed identity providers, bound to that tenant.
    private static func externalIssuers(_ config: DeploymentConfig, excluding own: String) throws -> [TrustedIssuer] {
        var issuers: [TrustedIssuer] = []
        for tenant in config.tenants {
            for trusted in tenant.trustedIssuers ?? [] where trusted.issuer != own {
                let data: Data
                if let file = trusted.jwksFile {
                    guard let contents = FileManager.default.contents(atPath: file) else {
                        throw ConfigError(code: "config.invalid", message: "`trustedIssuers.jwksFile`: unreadable")
                    }
                    data = contents
                } else {
                    data = (trusted.jwks ?? .null).serialized()
                }
                guard let set = try? JWKS.parse(data), !set.verificationKeys().isEmpty else {
                    throw ConfigError(code: "config.invalid", message: "`trustedIssuers`: no usable key in the JWK Set")
                }
                issuers.append(
                    TrustedIssuer(
                        issuer: trusted.issuer,
                        keys: .jwks(set),
                        audiences: Set(trusted.audiences ?? [Self.platformAudience]),
                        tenantID: tenant.id
                    )
                )
            }
        }
        return issuers
    }

    /// The shared ring, as loaded now.
    var platformRing: KeyRing {
        rings.platform
    }

    /// The key ring that signs for `tenant`.
    func ring(for tenant: String) -> KeyRing {
        rings.ring(forTenant: tenant)
    }

    /// A token issuer signing with `tenant`'s ring.
    func issuer(for tenant: String) -> TokenIssuer {
        TokenIssuer(
            issuer: issuerURL,
            keyRing: ring(for: tenant),
            maximumTTL: rings.setup.policy.maximumTokenLifetime
        )
    }

    /// Every public key Agentry signs with or will sign with (pending, active and retained keys of the shared ring
    /// and of every silo ring), for `/.well-known/jwks.json`; rotations made by another process are picked up first.
    public var jwks: JWKS {
        rings.jwks
    }

    /// The algorithms of every published key, sorted (discovery's `id_token_signing_alg_values_supported`).
    public var signingAlgorithms: [String] {
        Set(jwks.keys.compactMap(\.alg)).sorted()
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
        guard let tenant = verified.tenantID, let user = verified.claims.sub, !user.isEmpty else {
            throw CodedError.unauthenticated("the token names no known tenant and user", code: "auth.tenant_unknown")
        }
        return Principal(
            tenant: tenant,
            user: user,
            scopes: verified.scopes,
            actors: verified.claims.act?.chain ?? [],
            sessionID: verified.claims.sessionID,
            verified: verified,
            token: token,
            attributes: federation.attributes(of: verified)
        )
    }

    /// Like ``authenticate(_:)``, but first waits for the keys of a federated token's issuer, so the first token
    /// after a start or an identity-provider key rotation is accepted rather than refused while keys load.
    ///
    /// Prefer this in route handlers (they are async); ``authenticate(_:)`` never waits on the network and
    /// refuses such a token once (`identity.key_not_found`) while its keys are fetched in the background.
    public func principal(for request: HTTPRequest) async throws -> Principal {
        if let token = request.bearerToken { await federation.prepare(token) }
        return try authenticate(request)
    }

    /// ``verifyBound(_:)`` after waiting for a federated token's keys (see ``principal(for:)``).
    public func verifyBoundPrepared(_ token: String) async throws -> VerifiedToken {
        await federation.prepare(token)
        return try verifyBound(token)
    }

    /// Verifies a token for Agentry's APIs: issued by Agentry and signed by the token's own tenant's key ring
    /// (that tenant's ring when its keys are siloed, the shared ring otherwise), or issued by an identity provider
    /// the tenant trusts; and not revoked. Every path that accepts a token — the edge, the gateway's exchange, the
    /// token and workload-identity endpoints — goes through here.
    /// - Returns: the verified token.
    /// - Throws: an `identity.*` error (401), `auth.tenant_unknown`, `auth.key_tenant_mismatch` or
    ///   `auth.token_revoked` (401).
    public func verifyBound(_ token: String) throws -> VerifiedToken {
        let verified = try bind(verifier.verify(token))
        try checkNotRevoked(verified, token: token)
        return verified
    }

    /// Like ``verifyBound(_:)`` but requiring `aud` to name one of `audiences` (a token-exchange subject may be
    /// addressed to the presenting client instead of Agentry's API).
    func verifyBound(_ token: String, audiences: Set<String>) throws -> VerifiedToken {
        let verified = try bind(verifier.verify(token, audiences: audiences))
        try checkNotRevoked(verified, token: token)
        return verified
    }

    /// Like ``verifyBound(_:)`` but accepting any audience (for introspection and revocation, which judge tokens
    /// addressed to downstream services too).
    func verifyAnyAudience(_ token: String) throws -> VerifiedToken {
        let audiences = try CompactJWS(parsing: token).payloadObject()["aud"]
        let named = audiences?.stringValue.map { [$0] } ?? audiences?.arrayValue?.compactMap(\.stringValue) ?? []
        let verified = try bind(verifier.verify(token, audiences: Set(named)))
        try checkNotRevoked(verified, token: token)
        return verified
    }

    /// A key of one tenant's ring (or the shared ring) can never vouch for another tenant; an external issuer
    /// speaks only for the tenant that trusts it; a federated issuer's token is bound by its configuration.
    /// - Returns: the token, with a federated token's tenant resolved.
    private func bind(_ verified: VerifiedToken) throws -> VerifiedToken {
        if let federated = try federation.bind(verified) {
            guard let tenant = federated.tenantID, tenants.contains(tenant) else {
                throw CodedError.unauthenticated("the token names no known tenant", code: "auth.tenant_unknown")
            }
            return federated
        }
        guard let tenant = verified.tenantID, tenants.contains(tenant) else {
            throw CodedError.unauthenticated("the token names no known tenant", code: "auth.tenant_unknown")
        }
        if let bound = externalIssuers[verified.issuer] {
            guard bound == tenant else {
                throw CodedError.unauthenticated(
                    "the token was not signed for its tenant",
                    code: "auth.key_tenant_mismatch"
                )
            }
            return verified
        }
        guard let kid = verified.keyID, !ring(for: tenant).verificationKeys(kid: kid).isEmpty else {
            throw CodedError.unauthenticated(
                "the token was not signed for its tenant",
                code: "auth.key_tenant_mismatch"
            )
        }
        return verified
    }

    /// The revocation key of a token: its issuer and `jti`, or, when it has none, a digest of its signing input
    /// (`header.payload`).
    ///
    /// Never a digest of the whole token: an ECDSA signature can be re-encoded (`s` → `n − s`) into a second valid
    /// token with the same claims, which would carry a different digest and escape a revocation or a one-time use.
    static func revocationKey(_ verified: VerifiedToken, token: String) -> String {
        let signingInput = token.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
            .prefix(2).joined(separator: ".")
        let id = verified.claims.jti.flatMap { $0.isEmpty ? nil : $0 } ?? "sha256:" + Digest.sha256Hex(signingInput)
        return verified.issuer + "|" + id
    }

    private func checkNotRevoked(_ verified: VerifiedToken, token: String) throws {
        guard !revocations.isRevoked(Self.revocationKey(verified, token: token)) else {
            throw CodedError.unauthenticated("the token has been revoked", code: "auth.token_revoked")
        }
    }

    /// Revokes a verified token until it expires.
    func revoke(_ verified: VerifiedToken, token: String) throws {
        try revocations.revoke(
            Self.revocationKey(verified, token: token),
            tenant: verified.tenantID ?? "",
            expiresAt: verified.expiresAt
        )
    }

    /// Uses up a one-time token; false when it was used before (a replay).
    func consumeOnce(_ verified: VerifiedToken, token: String) throws -> Bool {
        try revocations.consume(Self.revocationKey(verified, token: token), expiresAt: verified.expiresAt)
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
            verifier: federation.isEmpty
                ? verifier
                : TokenVerifier(
                    issuers: staticIssuers + federation.trustedIssuers(for: tenant),
                    allowedAlgorithms: Set(JWSAlgorithm.allCases)
                ),
            issuer: issuer(for: tenant),
            policy: policy,
            configuration: .init(
                maximumTTL: TimeInterval(oauth.exchangedTokenTTLSeconds),
                maximumActorDepth: oauth.maxActorChainDepth,
                refuseScopeWidening: oauth.refuseScopeWidening,
                acceptedSubjectAudiences: [Self.platformAudience]
            )
        )
    }
}
