import Foundation
import Synchronization

/// Remembers token ids (`jti`) until they expire, so a one-time token is accepted only once. Thread-safe.
///
/// When the cache is full of unexpired ids it refuses new ones (fails closed) rather than forgetting old ones,
/// since forgetting would let a replay through.
public final class ReplayCache: Sendable {
    /// Most ids held at once (default one million).
    public let capacity: Int
    private let clock: @Sendable () -> Date
    private let seen: Mutex<[String: Date]>

    /// Creates an empty cache.
    public init(capacity: Int = 1_000_000, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.capacity = max(1, capacity)
        self.clock = clock
        self.seen = Mutex([:])
    }

    /// Records `jti` and returns true if it is new; returns false if it was seen and has not yet expired,
    /// if `expiresAt` has already passed, or if the cache is full.
    public func checkAndRecord(jti: String, expiresAt: Date) -> Bool {
        let now = clock()
        guard expiresAt > now else { return false }
        return seen.withLock { entries in
            if let existing = entries[jti], existing > now { return false }
            if entries.count >= capacity {
                entries = entries.filter { $0.value > now }
                guard entries.count < capacity else { return false }
            }
            entries[jti] = expiresAt
            return true
        }
    }

    /// Records a verified token's `jti` (see ``checkAndRecord(jti:expiresAt:)``).
    /// - Throws: `IdentityError.claimMissing("jti")` if it has none, `.tokenReplayed` if it was seen.
    public func record(_ token: VerifiedToken) throws {
        guard let jti = token.claims.jti, !jti.isEmpty else { throw IdentityError.claimMissing("jti") }
        guard checkAndRecord(jti: jti, expiresAt: token.expiresAt) else { throw IdentityError.tokenReplayed }
    }

    /// Drops every expired id; `checkAndRecord` also does this when the cache fills.
    public func purgeExpired() {
        let now = clock()
        seen.withLock { entries in entries = entries.filter { $0.value > now } }
    }

    /// Number of ids currently held (expired ones included until purged).
    public var count: Int {
        seen.withLock { $0.count }
    }
}
