import Foundation

/// How a ``KeyRing`` rotates: how long a new key is published before it signs, and how long a retired key stays
/// published for verification.
public struct KeyRotationPolicy: Sendable, Hashable {
    /// Seconds between a key's first appearance in the JWKS and its first signature (default 3600), so relying
    /// parties that cache the JWKS learn the key before they meet a token signed by it. Clamped to 0…30 days.
    public var activationDelay: TimeInterval
    /// The longest lifetime of a token signed by the ring, in seconds (default 86 400). A key that stopped signing
    /// stays published this long, plus ``TokenVerifier/maximumClockSkew``, so its last tokens still verify.
    /// Issuers must not sign tokens that live longer. Clamped to 1 s…365 days.
    public var maximumTokenLifetime: TimeInterval
    /// An optional hard cap on the keys kept (active and pending included, minimum 2); nil (default) keeps every
    /// key still inside its retention window. The cap drops the oldest retired keys first.
    public var maximumKeys: Int?

    /// Creates a policy; out-of-range values are clamped.
    public init(
        activationDelay: TimeInterval = 3600,
        maximumTokenLifetime: TimeInterval = 86_400,
        maximumKeys: Int? = nil
    ) {
        self.activationDelay = Self.clamp(activationDelay, 0, 30 * 86_400)
        self.maximumTokenLifetime = Self.clamp(maximumTokenLifetime, 1, 365 * 86_400)
        self.maximumKeys = maximumKeys.map { max(2, $0) }
    }

    /// Rotation as the first key rings did it: a new key signs at once, at most `retainedKeys` keys are kept.
    public static func immediate(retainedKeys: Int) -> KeyRotationPolicy {
        KeyRotationPolicy(activationDelay: 0, maximumKeys: retainedKeys)
    }

    /// How long after a key stopped signing it stays published.
    var retention: TimeInterval {
        maximumTokenLifetime + TokenVerifier.maximumClockSkew
    }

    private static func clamp(_ value: TimeInterval, _ low: TimeInterval, _ high: TimeInterval) -> TimeInterval {
        guard value.isFinite else { return low }
        return min(max(value, low), high)
    }
}
