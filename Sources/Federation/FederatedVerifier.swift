import AgentryCore
import Foundation
import Identity

/// Verifies JWTs from tenants' own identity providers and maps them to a ``FederatedIdentity``.
///
/// The issuer configuration is picked by the token's `iss` (exact bytes); the tenant comes from that
/// configuration and the token's tenant claim must map to it, so a token from tenant A's provider can never act
/// in tenant B. Signature, `alg`, `typ`, lifetime and audience are checked by Identity's ``TokenVerifier``.
public struct FederatedVerifier: Sendable {
    private struct Entry: Sendable {
        let config: FederatedIssuerConfig
        let cache: JWKSCache
    }

    private let entries: [String: Entry]
    private let clock: @Sendable () -> Date

    /// Validates `issuers` and creates one ``JWKSCache`` per issuer.
    /// - Throws: `federation.config_invalid` naming the bad field (`issuers[1].audiences`), including when two
    ///   entries share an issuer.
    public init(
        issuers: [FederatedIssuerConfig],
        settings: JWKSCacheSettings = JWKSCacheSettings(),
        fetcher: any JWKSFetching = HTTPJWKSFetcher(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        var entries: [String: Entry] = [:]
        for (index, config) in issuers.enumerated() {
            let path = "issuers[\(index)]"
            try config.validate(path: path)
            guard entries[config.issuer] == nil else {
                throw FederationError.configInvalid("\(path).issuer", "repeats another entry's issuer")
            }
            let cache = JWKSCache(config: config, settings: settings, fetcher: fetcher, clock: clock)
            entries[config.issuer] = Entry(config: config, cache: cache)
        }
        self.entries = entries
        self.clock = clock
    }

    /// The key cache of `issuer`, for warm-up (`refresh()`) and metrics.
    public func cache(for issuer: String) -> JWKSCache? {
        entries[issuer]?.cache
    }

    /// Verifies `token` and returns who it speaks for.
    /// - Throws: `FederationError` (`issuer_unknown`, `tenant_mismatch`, `client_not_allowed`) or `IdentityError`
    ///   (malformed, bad signature, unknown key, expired, wrong audience, algorithm not allowed).
    public func verify(_ token: String) async throws -> FederatedIdentity {
        // Pick the configuration by the unverified `iss`; nothing else from the payload is trusted before the
        // signature is checked below.
        let jws = try CompactJWS(parsing: token)
        let entry = try entry(for: try jws.payloadObject()["iss"])
        let config = entry.config

        // A kid no issuer would mint never reaches the cache, so it cannot even ask for a refresh.
        if let kid = jws.keyID, !Self.isPlausibleKeyID(kid) { throw IdentityError.keyNotFound }

        let keys = await entry.cache.keys(for: jws.keyID)
        let verifier = TokenVerifier(
            issuers: [TrustedIssuer(issuer: config.issuer, keys: .keys(keys), audiences: Set(config.audiences))],
            allowedAlgorithms: config.allowedAlgorithms,
            clockSkew: config.clockSkew,
            clock: clock
        )
        return try identity(from: verifier.verify(token), config: config)
    }

    /// Maps a verified token to an identity: tenant from the binding, client id check, scopes and attributes.
    private func identity(from verified: VerifiedToken, config: FederatedIssuerConfig) throws -> FederatedIdentity {
        let payload = verified.claims.jsonObject()
        let tenant = try config.tenant.resolve(payload)
        let clientID = payload["azp"]?.stringValue ?? verified.claims.clientID
        if !config.clientIDs.isEmpty {
            guard let clientID, config.clientIDs.contains(where: { $0.utf8.elementsEqual(clientID.utf8) }) else {
                throw FederationError.clientNotAllowed
            }
        }
        return FederatedIdentity(
            tenantID: tenant,
            subject: verified.subject,
            issuer: config.issuer,
            clientID: clientID,
            scopes: Self.scopes(verified.claims.scopes, payload),
            attributes: Self.attributes(config.attributeMapping, payload),
            expiresAt: verified.expiresAt
        )
    }

    /// Verifies `token` and requires it to act for `tenant` (for routes whose path names a tenant).
    /// - Throws: as ``verify(_:)``, and `federation.tenant_mismatch` when the token's tenant differs.
    public func verify(_ token: String, tenant: String) async throws -> FederatedIdentity {
        let identity = try await verify(token)
        guard identity.tenantID.utf8.elementsEqual(tenant.utf8) else { throw FederationError.tenantMismatch }
        return identity
    }

    private func entry(for iss: JSONValue?) throws -> Entry {
        guard let iss = iss?.stringValue, let entry = entries[iss], entry.config.issuer.utf8.elementsEqual(iss.utf8)
        else { throw FederationError.issuerUnknown }
        return entry
    }

    /// Whether `kid` is 1…256 UTF-8 bytes without control characters.
    private static func isPlausibleKeyID(_ kid: String) -> Bool {
        let bytes = kid.utf8
        return !bytes.isEmpty && bytes.count <= 256 && !bytes.contains { $0 < 0x20 || $0 == 0x7F }
    }

    /// `scope` plus Entra's `scp` (a space-separated string).
    private static func scopes(_ scopes: Set<String>, _ payload: [String: JSONValue]) -> Set<String> {
        guard let scp = payload["scp"]?.stringValue else { return scopes }
        return scopes.union(Claims.parseScope(scp))
    }

    /// The mapped claims that are present, under their attribute names.
    private static func attributes(_ mapping: [String: String], _ payload: [String: JSONValue]) -> [String: JSONValue] {
        var attributes: [String: JSONValue] = [:]
        for (claim, attribute) in mapping {
            if let value = payload[claim] { attributes[attribute] = value }
        }
        return attributes
    }
}
