import AgentryCore
import Foundation

/// Verifies JWT access tokens against a fixed list of trusted issuers.
///
/// Checks, in order: size (16 KiB) and compact structure, strict JSON (no duplicate members), `crit` and `b64`
/// (refused), a string `kid`, `typ` (`JWT`, `at+jwt` or absent), `alg` against the allow-list (`none` and HMAC
/// cannot be listed), `iss` by exact byte equality, key lookup by a plausible `kid` (1–256 bytes, no control
/// characters) in the issuer's own key source (header `jwk`/`jku`/`x5u`/`x5c` are ignored) with strict alg–key
/// binding, the signature, `exp` (required), `nbf` and `iat` with bounded clock skew, the issuer's tenant binding,
/// and the audience.
/// Every failure is an ``IdentityError`` with status 401 whose message never contains the token.
public struct TokenVerifier: Sendable {
    /// Largest clock skew accepted by `init`, in seconds; bigger values are clamped to it.
    public static let maximumClockSkew: TimeInterval = 300
    /// Longest header `kid` passed to a key source, in UTF-8 bytes; longer ones are simply unknown keys.
    public static let maximumKeyIDLength = 256

    /// Algorithms accepted (default ES256 only). `none` and HMAC cannot be expressed, so are never accepted.
    public let allowedAlgorithms: Set<JWSAlgorithm>
    /// Tolerance for `exp`, `nbf` and `iat`, in seconds (default 60, clamped to 0…300).
    public let clockSkew: TimeInterval
    private let issuers: [String: TrustedIssuer]
    private let clock: @Sendable () -> Date

    /// Creates a verifier. If two entries share an issuer string, the first wins.
    public init(
        issuers: [TrustedIssuer],
        allowedAlgorithms: Set<JWSAlgorithm> = [.es256],
        clockSkew: TimeInterval = 60,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.issuers = Dictionary(issuers.map { ($0.issuer, $0) }, uniquingKeysWith: { first, _ in first })
        self.allowedAlgorithms = allowedAlgorithms
        self.clockSkew = min(max(clockSkew.isFinite ? clockSkew : 0, 0), Self.maximumClockSkew)
        self.clock = clock
    }

    /// Verifies `token` and requires its `aud` to name one of the matched issuer's configured audiences.
    public func verify(_ token: String) throws -> VerifiedToken {
        let (verified, trusted) = try verifyExceptAudience(token)
        try Self.checkAudience(verified.claims.aud, expected: trusted.audiences)
        return verified
    }

    /// Verifies `token` and requires its `aud` to name one of `audiences` (instead of the issuer's configured set).
    public func verify(_ token: String, audiences: Set<String>) throws -> VerifiedToken {
        let (verified, _) = try verifyExceptAudience(token)
        try Self.checkAudience(verified.claims.aud, expected: audiences)
        return verified
    }

    /// Every check except the audience; for callers (token exchange) that judge `aud` themselves.
    func verifyExceptAudience(_ token: String) throws -> (VerifiedToken, TrustedIssuer) {
        let jws = try CompactJWS(parsing: token)
        try Self.checkType(jws.header["typ"])
        let algorithm = try jws.algorithm(allowed: allowedAlgorithms)
        let payload = try jws.payloadObject()
        let trusted = try trustedIssuer(for: payload["iss"])
        try checkSignature(jws, algorithm: algorithm, keys: trusted.keys)

        let claims = try Claims(json: payload)
        let expiresAt = try checkLifetime(claims)
        if let bound = trusted.tenantID, let claimed = claims.tenantID, !bound.utf8.elementsEqual(claimed.utf8) {
            throw IdentityError.tenantMismatch
        }
        let verified = VerifiedToken(
            claims: claims,
            keyID: jws.keyID,
            algorithm: algorithm,
            issuer: trusted.issuer,
            tenantID: trusted.tenantID ?? claims.tenantID,
            expiresAt: expiresAt
        )
        return (verified, trusted)
    }

    /// Finds the issuer whose string equals `iss` byte for byte (Swift `==` would also equate Unicode variants).
    private func trustedIssuer(for value: JSONValue?) throws -> TrustedIssuer {
        guard let value else { throw IdentityError.claimMissing("iss") }
        guard let iss = value.stringValue, let trusted = issuers[iss], trusted.issuer.utf8.elementsEqual(iss.utf8)
        else { throw IdentityError.issuerUntrusted }
        return trusted
    }

    /// Tries every candidate key for the header `kid` that fits `algorithm`.
    private func checkSignature(_ jws: CompactJWS, algorithm: JWSAlgorithm, keys: KeySource) throws {
        // A kid no issuer would mint never reaches the key source (which may be a database or a cache key).
        if let kid = jws.keyID, !Self.isPlausibleKeyID(kid) { throw IdentityError.keyNotFound }
        let candidates: [VerificationKey]
        do {
            candidates = try keys.candidates(kid: jws.keyID).filter { $0.supports(algorithm) }
        } catch let error as IdentityError {
            throw error
        } catch {
            throw IdentityError.keyNotFound
        }
        guard !candidates.isEmpty else { throw IdentityError.keyNotFound }
        let valid = candidates.contains {
            $0.verify(signature: jws.signature, signingInput: jws.signingInput, algorithm: algorithm)
        }
        guard valid else { throw IdentityError.signatureInvalid }
    }

    /// Whether `kid` is 1…``maximumKeyIDLength`` bytes without control characters.
    private static func isPlausibleKeyID(_ kid: String) -> Bool {
        let bytes = kid.utf8
        return !bytes.isEmpty && bytes.count <= maximumKeyIDLength && !bytes.contains { $0 < 0x20 || $0 == 0x7F }
    }

    /// Requires `exp`, and checks `exp`, `nbf` and `iat` against now with the configured skew.
    private func checkLifetime(_ claims: Claims) throws -> Date {
        guard let exp = claims.exp else { throw IdentityError.claimMissing("exp") }
        let now = clock()
        guard now.timeIntervalSince(exp) < clockSkew else { throw IdentityError.tokenExpired }
        if let nbf = claims.nbf, nbf.timeIntervalSince(now) > clockSkew { throw IdentityError.tokenNotYetValid }
        if let iat = claims.iat, iat.timeIntervalSince(now) > clockSkew { throw IdentityError.tokenNotYetValid }
        return exp
    }

    /// `typ` may be absent or, case-insensitively, `JWT` / `at+jwt` (with or without the `application/` prefix).
    private static func checkType(_ value: JSONValue?) throws {
        guard let value else { return }
        let accepted: Set<String> = ["jwt", "at+jwt", "application/jwt", "application/at+jwt"]
        guard let text = value.stringValue, accepted.contains(text.lowercased()) else {
            throw IdentityError.typeUnsupported
        }
    }

    /// Requires one of `aud` to equal one of `expected` byte for byte.
    static func checkAudience(_ aud: [String], expected: Set<String>) throws {
        let match = aud.contains { audience in expected.contains { $0.utf8.elementsEqual(audience.utf8) } }
        guard match else { throw IdentityError.audienceMismatch }
    }
}
