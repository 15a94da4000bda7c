import Foundation
import Synchronization

/// A token bucket per key: `perMinute` calls, refilled continuously.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let perMinute: Double
    private let clock: @Sendable () -> Date
    private let buckets = Mutex<[String: Bucket]>([:])

    init(perMinute: Int, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.perMinute = Double(max(1, perMinute))
        self.clock = clock
    }

    /// Takes one token for `key`; false when the bucket is empty.
    func allow(key: String) -> Bool {
        let now = clock()
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: perMinute, updated: now)
            let refill = now.timeIntervalSince(bucket.updated) * perMinute / 60
            bucket.tokens = min(perMinute, bucket.tokens + refill)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return false
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            return true
        }
    }
}
