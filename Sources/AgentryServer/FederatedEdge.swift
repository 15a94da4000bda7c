import AgentryCore
import Federation
import Foundation
import Identity
import Tenancy

/// Tenants' own OpenID Connect providers at Agentry's edge.
///
/// One ``FederatedVerifier`` is built at start from every tenant's `federatedIssuers`: it validates the entries
/// and owns one ``JWKSCache`` per issuer (discovery, TTL, rate-limited refresh on unknown `kid`, static fallback).
/// Tokens are then checked on the same synchronous path as Agentry's own — by ``IdentityPlane``'s
/// ``TokenVerifier`` over a ``FederatedKeyMirror`` of those caches — so a federated user token works at every
/// door (the edge, token exchange, `GetWorkloadAccessTokenForJWT`, introspection, revocation). Async callers
/// first ``prepare(_:)`` the token, which waits for its issuer's keys instead of failing on a cold cache.
///
/// The tenant always comes from the configuration: the issuer's binding resolves the tenant claim (Cognito's
/// `custom:tenant_id`, Entra's `tid`, …) to one of the tenants that listed the issuer, so a token from tenant A's
/// provider can never act in tenant B.
final class FederatedEdge: Sendable {
    /// The validated issuers, by exact `iss`.
    let issuers: [String: FederatedIssuerConfig]
    /// The verifier built at start; its caches feed ``mirror``.
    let verifier: FederatedVerifier
    /// Synchronous copies of the caches' keys.
    let mirror: FederatedKeyMirror

    /// Loads and validates every tenant's entries.
    /// - Throws: `config.invalid` naming the field.
    init(
        config: DeploymentConfig,
        reserved: Set<String>,
        settings: JWKSCacheSettings = JWKSCacheSettings(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        let configs = try FederatedIssuerLoader.load(config, reserved: reserved)
        do {
            verifier = try FederatedVerifier(issuers: configs, settings: settings, clock: clock)
        } catch let error as FederationError {
            throw ConfigError(code: "config.invalid", message: error.message)
        }
        issuers = Dictionary(configs.map { ($0.issuer, $0) }) { first, _ in first }
        var caches: [String: JWKSCache] = [:]
        for issuer in issuers.keys { caches[issuer] = verifier.cache(for: issuer) }
        mirror = FederatedKeyMirror(caches: caches, clock: clock)
    }

    /// Whether any tenant federates an identity provider.
    var isEmpty: Bool { issuers.isEmpty }

    /// The federated issuers as trusted issuers of a ``TokenVerifier``.
    ///
    /// An issuer serving exactly one tenant is bound to it; one shared by several tenants is bound to `tenant`
    /// when given (the exchanger of that tenant) and left unbound otherwise, ``bind(_:)`` choosing per token.
    func trustedIssuers(for tenant: String? = nil) -> [TrustedIssuer] {
        issuers.values.sorted { $0.issuer < $1.issuer }.compactMap { config in
            let tenants = config.tenant.tenantIDs
            var bound = tenants.count == 1 ? tenants.first : nil
            if let tenant {
                guard tenants.contains(tenant) else { return nil }
                bound = tenant
            }
            let issuer = config.issuer
            return TrustedIssuer(
                issuer: issuer,
                keys: KeySource { [mirror] kid in mirror.keys(issuer: issuer, kid: kid) },
                audiences: Set(config.audiences),
                tenantID: bound
            )
        }
    }

    /// Checks a verified token from a federated issuer against its configuration and returns it with the
    /// resolved tenant (in `tenantID` and the `tenant_id` claim) and Entra's `scp` scopes folded into `scope`.
    /// - Returns: nil when the issuer is not federated.
    /// - Throws: `federation.tenant_mismatch`, `federation.client_not_allowed`, `identity.algorithm_not_allowed`.
    func bind(_ verified: VerifiedToken) throws -> VerifiedToken? {
        guard let config = issuers[verified.issuer] else { return nil }
        guard config.allowedAlgorithms.contains(verified.algorithm) else {
            throw CodedError.unauthenticated(
                "the token algorithm is not allowed",
                code: "identity.algorithm_not_allowed"
            )
        }
        let payload = verified.claims.jsonObject()
        let tenant = try config.tenant.resolve(payload)
        // A `tenant_id` claim naming another tenant is a contradiction, never a second opinion.
        if let claimed = verified.claims.tenantID, claimed != tenant { throw FederationError.tenantMismatch }
        if !config.clientIDs.isEmpty {
            let client = payload["azp"]?.stringValue ?? verified.claims.clientID
            guard let client, config.clientIDs.contains(client) else { throw FederationError.clientNotAllowed }
        }
        var claims = verified.claims
        claims.tenantID = tenant
        if let scp = payload["scp"]?.stringValue { claims.scopes.formUnion(Claims.parseScope(scp)) }
        return VerifiedToken(
            claims: claims,
            keyID: verified.keyID,
            algorithm: verified.algorithm,
            issuer: verified.issuer,
            tenantID: tenant,
            expiresAt: verified.expiresAt
        )
    }

    /// The mapped claims of a federated token (attribute name → value) for Cedar; empty for other issuers.
    func attributes(of verified: VerifiedToken) -> [String: JSONValue] {
        guard let mapping = issuers[verified.issuer]?.attributeMapping, !mapping.isEmpty else { return [:] }
        let payload = verified.claims.jsonObject()
        var attributes: [String: JSONValue] = [:]
        for (claim, attribute) in mapping {
            if let value = payload[claim] { attributes[attribute] = value }
        }
        return attributes
    }

    /// Makes sure the keys a federated token names are mirrored, waiting for the cache (and, within its rate
    /// limit, the provider). Does nothing for other tokens or when the key is already known.
    func prepare(_ token: String) async {
        guard !issuers.isEmpty, let jws = try? CompactJWS(parsing: token),
            let issuer = try? jws.payloadObject()["iss"]?.stringValue, issuers[issuer] != nil
        else { return }
        guard !mirror.has(issuer: issuer, kid: jws.keyID) else { return }
        // The same plausibility rule as the verifier: a kid no issuer would mint never reaches the cache.
        if let kid = jws.keyID, kid.utf8.isEmpty || kid.utf8.count > 256 || kid.utf8.contains(where: { $0 < 0x20 }) {
            return
        }
        await mirror.pull(issuer, kid: jws.keyID)
    }
}
