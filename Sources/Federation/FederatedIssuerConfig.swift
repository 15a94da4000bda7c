import AgentryCore
import Foundation
import Identity

/// One external identity provider trusted for one Agentry tenant (or an explicit set of tenants).
///
/// JSON shape (every field except the first four has a default):
/// ```json
/// {"issuer": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc",
///  "discoveryURL": "https://…/.well-known/openid-configuration",   // or "jwksURI", and/or "staticJWKS"
///  "audiences": ["3n4b5c…"], "tenantID": "acme",                   // or "tenantIDs": [...]
///  "clientIDs": ["3n4b5c…"], "tenantClaim": "custom:tenant_id", "tenantClaimValues": {"idp-value": "acme"},
///  "attributeMapping": {"custom:department": "department"}, "allowedAlgorithms": ["RS256"],
///  "clockSkewSeconds": 60}
/// ```
public struct FederatedIssuerConfig: Sendable {
    /// The exact `iss` the provider writes; compared byte for byte.
    public var issuer: String
    /// OpenID Connect discovery document; its `issuer` must equal ``issuer`` and its `jwks_uri` is used.
    public var discoveryURL: URL?
    /// The JWKS endpoint, used instead of discovery when set.
    public var jwksURI: URL?
    /// Keys used only while no fetch has ever succeeded (or alone, when no URL is configured).
    public var staticJWKS: JWKS?
    /// Accepted `aud` values; a token must name one. Never empty.
    public var audiences: [String]
    /// Accepted OAuth clients, matched against `azp`, else `client_id`. Empty: no client check.
    public var clientIDs: [String]
    /// The Agentry tenants this provider acts for and the claim that selects one.
    public var tenant: TenantBinding
    /// Claim name → attribute name, copied into ``FederatedIdentity/attributes`` for Cedar.
    public var attributeMapping: [String: String]
    /// Signature algorithms accepted (default ES256 and RS256).
    public var allowedAlgorithms: Set<JWSAlgorithm>
    /// Tolerance for `exp`/`nbf`/`iat`, in seconds (default 60, at most 300).
    public var clockSkew: TimeInterval

    /// Creates a configuration; call ``validate(path:)`` before use (``FederatedVerifier`` does).
    public init(
        issuer: String,
        discoveryURL: URL? = nil,
        jwksURI: URL? = nil,
        staticJWKS: JWKS? = nil,
        audiences: [String],
        clientIDs: [String] = [],
        tenant: TenantBinding,
        attributeMapping: [String: String] = [:],
        allowedAlgorithms: Set<JWSAlgorithm> = [.es256, .rs256],
        clockSkew: TimeInterval = 60
    ) {
        self.issuer = issuer
        self.discoveryURL = discoveryURL
        self.jwksURI = jwksURI
        self.staticJWKS = staticJWKS
        self.audiences = audiences
        self.clientIDs = clientIDs
        self.tenant = tenant
        self.attributeMapping = attributeMapping
        self.allowedAlgorithms = allowedAlgorithms
        self.clockSkew = clockSkew
    }

    /// Checks every field; errors name the field under `path` (e.g. `federation.issuers[0].audiences`).
    public func validate(path: String = "issuer") throws {
        guard !issuer.isEmpty else { throw FederationError.configInvalid("\(path).issuer", "must not be empty") }
        guard discoveryURL != nil || jwksURI != nil || staticJWKS != nil else {
            throw FederationError.configInvalid(path, "needs discoveryURL, jwksURI or staticJWKS")
        }
        for (name, url) in [("discoveryURL", discoveryURL), ("jwksURI", jwksURI)] {
            if let url, !Self.isAcceptableFetchURL(url) {
                throw FederationError.configInvalid("\(path).\(name)", "must be https (http only on loopback)")
            }
        }
        guard !audiences.isEmpty, !audiences.contains(where: \.isEmpty) else {
            throw FederationError.configInvalid("\(path).audiences", "must name at least one audience")
        }
        guard !allowedAlgorithms.isEmpty else {
            throw FederationError.configInvalid("\(path).allowedAlgorithms", "must not be empty")
        }
        guard clockSkew.isFinite, clockSkew >= 0, clockSkew <= TokenVerifier.maximumClockSkew else {
            throw FederationError.configInvalid("\(path).clockSkewSeconds", "must be between 0 and 300")
        }
        try tenant.validate(path: path)
    }

    /// https anywhere; plain http only to a loopback host (tests, sidecar IdPs).
    static func isAcceptableFetchURL(_ url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return url.host?.isEmpty == false
        case "http": return ["127.0.0.1", "localhost", "::1", "[::1]"].contains(url.host ?? "")
        default: return false
        }
    }
}

extension FederatedIssuerConfig: Codable {
    private enum CodingKeys: String, CodingKey {
        case issuer, discoveryURL, jwksURI, staticJWKS, audiences, clientIDs, tenantID, tenantIDs, tenantClaim
        case tenantClaimValues, attributeMapping, allowedAlgorithms, clockSkewSeconds
    }

    /// Decodes the JSON shape shown on the type; `tenantID` and `tenantIDs` are merged.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var tenants = try container.decodeIfPresent([String].self, forKey: .tenantIDs) ?? []
        if let single = try container.decodeIfPresent(String.self, forKey: .tenantID) { tenants.insert(single, at: 0) }
        self.init(
            issuer: try container.decode(String.self, forKey: .issuer),
            discoveryURL: try container.decodeIfPresent(URL.self, forKey: .discoveryURL),
            jwksURI: try container.decodeIfPresent(URL.self, forKey: .jwksURI),
            staticJWKS: try container.decodeIfPresent(JWKS.self, forKey: .staticJWKS),
            audiences: try container.decode([String].self, forKey: .audiences),
            clientIDs: try container.decodeIfPresent([String].self, forKey: .clientIDs) ?? [],
            tenant: TenantBinding(
                tenantIDs: tenants,
                claim: try container.decodeIfPresent(String.self, forKey: .tenantClaim),
                valueMap: try container.decodeIfPresent([String: String].self, forKey: .tenantClaimValues)
            ),
            attributeMapping: try container.decodeIfPresent([String: String].self, forKey: .attributeMapping) ?? [:],
            allowedAlgorithms: try container.decodeIfPresent(Set<JWSAlgorithm>.self, forKey: .allowedAlgorithms)
                ?? [.es256, .rs256],
            clockSkew: try container.decodeIfPresent(TimeInterval.self, forKey: .clockSkewSeconds) ?? 60
        )
    }

    /// Encodes the JSON shape shown on the type (tenants always as `tenantIDs`).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(issuer, forKey: .issuer)
        try container.encodeIfPresent(discoveryURL, forKey: .discoveryURL)
        try container.encodeIfPresent(jwksURI, forKey: .jwksURI)
        try container.encodeIfPresent(staticJWKS, forKey: .staticJWKS)
        try container.encode(audiences, forKey: .audiences)
        try container.encode(clientIDs, forKey: .clientIDs)
        try container.encode(tenant.tenantIDs, forKey: .tenantIDs)
        try container.encodeIfPresent(tenant.claim, forKey: .tenantClaim)
        try container.encodeIfPresent(tenant.valueMap, forKey: .tenantClaimValues)
        try container.encode(attributeMapping, forKey: .attributeMapping)
        try container.encode(allowedAlgorithms.map(\.rawValue).sorted(), forKey: .allowedAlgorithms)
        try container.encode(clockSkew, forKey: .clockSkewSeconds)
    }
}
