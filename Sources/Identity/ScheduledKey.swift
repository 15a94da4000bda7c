import Foundation

/// Where one key of a ``KeyRing`` stands in its life: published before use, signing, or kept for verification.
public struct ScheduledKey: Sendable, Hashable {
    /// The phase of a key.
    public enum Phase: String, Sendable, Hashable {
        /// Published in the JWKS, not yet signing.
        case pending
        /// The key new tokens are signed with.
        case active
        /// No longer signing; published until its last tokens have expired.
        case retired
    }

    /// The key's `kid` (its RFC 7638 thumbprint).
    public let kid: String
    /// The algorithm the key signs with.
    public let algorithm: JWSAlgorithm
    /// The phase at the time the schedule was read.
    public let phase: Phase
    /// When the key starts (or started) signing.
    public let activatesAt: Date
    /// When the key stopped signing (retired keys only).
    public let retiredAt: Date?
    /// When the key leaves the JWKS and the disk (retired keys only).
    public let removableAt: Date?

    /// Creates a schedule entry.
    public init(
        kid: String,
        algorithm: JWSAlgorithm,
        phase: Phase,
        activatesAt: Date,
        retiredAt: Date?,
        removableAt: Date?
    ) {
        self.kid = kid
        self.algorithm = algorithm
        self.phase = phase
        self.activatesAt = activatesAt
        self.retiredAt = retiredAt
        self.removableAt = removableAt
    }
}
