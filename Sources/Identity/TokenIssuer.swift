import AgentryCore
import Foundation

/// Issues JWTs signed by Agentry's own keys, with the signing key's algorithm (ES256 unless the ring or key says
/// otherwise).
public struct TokenIssuer: Sendable {
    /// Longest lifetime `issue` accepts when none is configured: 24 hours.
    public static let defaultMaximumTTL: TimeInterval = 86_400

    /// The `iss` written into every token.
    public let issuer: String
    /// Longest lifetime `issue` accepts, in seconds.
    public let maximumTTL: TimeInterval
    private let currentKey: @Sendable () -> SigningKey
    private let publishedKeys: @Sendable () -> JWKS
    private let keySource: KeySource
    private let clock: @Sendable () -> Date

    /// An issuer that always signs with the ring's active key.
    ///
    /// `maximumTTL` is capped at the ring's ``KeyRotationPolicy/maximumTokenLifetime``, so a retired key is never
    /// removed from the JWKS while a token it signed is still valid.
    public init(
        issuer: String,
        keyRing: KeyRing,
        maximumTTL: TimeInterval = TokenIssuer.defaultMaximumTTL,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.issuer = issuer
        self.maximumTTL = min(maximumTTL, keyRing.policy.maximumTokenLifetime)
        self.currentKey = { keyRing.activeKey }
        self.publishedKeys = { keyRing.jwks }
        self.keySource = .keyRing(keyRing)
        self.clock = clock
    }

    /// An issuer with one fixed key (tests, tools).
    public init(
        issuer: String,
        signingKey: SigningKey,
        maximumTTL: TimeInterval = TokenIssuer.defaultMaximumTTL,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.issuer = issuer
        self.maximumTTL = maximumTTL
        self.currentKey = { signingKey }
        self.publishedKeys = { JWKS(keys: [signingKey.publicJWK]) }
        self.keySource = .keys([signingKey.verificationKey])
        self.clock = clock
    }

    /// The public keys a verifier of this issuer needs.
    public var jwks: JWKS { publishedKeys() }

    /// Signs `claims` as a JWT with header `{"alg":…,"typ":"JWT","kid":…}` (`alg` is the signing key's).
    ///
    /// `iss` is set to ``issuer``, `iat` to now, `exp` to now + `ttl`, and `jti` to 128 random bits unless the
    /// claims already carry one.
    /// - Parameters:
    ///   - claims: the claims to sign; `iss`, `iat` and `exp` are overwritten.
    ///   - ttl: lifetime in seconds, at least 1 and at most ``maximumTTL``.
    /// - Returns: the compact JWT. Never log it.
    /// - Throws: `IdentityError.invalidArgument` for a bad TTL, `.cryptoFailure` if signing fails.
    public func issue(_ claims: Claims, ttl: TimeInterval) throws -> String {
        guard ttl.isFinite, ttl >= 1, ttl <= maximumTTL else {
            throw IdentityError.invalidArgument("token lifetime is out of range")
        }
        let key = currentKey()
        let now = clock().timeIntervalSince1970.rounded(.down)
        var filled = claims
        filled.iss = issuer
        filled.iat = Date(timeIntervalSince1970: now)
        filled.exp = Date(timeIntervalSince1970: now + ttl.rounded(.down))
        if filled.jti == nil { filled.jti = Base64URL.encode(try Digest.randomBytes(16)) }
        let header: [String: JSONValue] = ["typ": "JWT", "kid": .string(key.kid)]
        return try CompactJWS.sign(
            header: header,
            payload: JSONValue.object(filled.jsonObject()).serialized(),
            with: key
        )
    }

    /// A ``TrustedIssuer`` describing this issuer, for a verifier in the same process.
    public func trusted(audiences: Set<String>, tenantID: String? = nil) -> TrustedIssuer {
        TrustedIssuer(
            issuer: issuer,
            keys: keySource,
            audiences: audiences,
            tenantID: tenantID
        )
    }
}
