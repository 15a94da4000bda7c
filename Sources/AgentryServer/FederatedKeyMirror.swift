import AgentryCore
import Federation
import Foundation
import Identity
import Synchronization

/// A synchronous view of each federated issuer's ``JWKSCache``, so the edge's synchronous token checks can use
/// provider keys without waiting on the network.
///
/// A lookup that misses (unknown `kid`, nothing fetched yet) or finds the copy older than ``resyncInterval``
/// schedules one background pull per issuer; the pull goes through the cache, whose own rate limit decides
/// whether the provider is actually contacted. So a flood of tokens with random `kid`s costs at most one running
/// pull per issuer and at most one fetch per `JWKSCacheSettings.minimumRefreshInterval`.
final class FederatedKeyMirror: Sendable {
    private struct Copy {
        var keys: [VerificationKey] = []
        var syncedAt = Date.distantPast
        var pulling = false
    }

    /// Seconds after which a lookup also schedules a pull, so rotated and removed keys are noticed (default 60).
    let resyncInterval: TimeInterval
    private let caches: [String: JWKSCache]
    private let copies: Mutex<[String: Copy]>
    private let clock: @Sendable () -> Date

    /// Mirrors `caches` (issuer → cache); nothing is fetched until ``pull(_:kid:)`` or a lookup asks.
    init(caches: [String: JWKSCache], resyncInterval: TimeInterval = 60, clock: @escaping @Sendable () -> Date) {
        self.caches = caches
        self.resyncInterval = resyncInterval
        self.clock = clock
        copies = Mutex(Dictionary(caches.keys.map { ($0, Copy()) }) { first, _ in first })
    }

    /// The mirrored keys of `issuer` matching `kid` (all of them when `kid` is nil), scheduling a pull on a miss
    /// or when the copy is old.
    func keys(issuer: String, kid: String?) -> [VerificationKey] {
        let now = clock()
        let (found, schedule) = copies.withLock { copies -> ([VerificationKey], Bool) in
            guard var copy = copies[issuer] else { return ([], false) }
            let found = copy.keys.filter { key in kid.map { id in key.keyID.map { $0 == id } ?? false } ?? true }
            let wanted = found.isEmpty || now.timeIntervalSince(copy.syncedAt) >= resyncInterval
            guard wanted, !copy.pulling else { return (found, false) }
            copy.pulling = true
            copies[issuer] = copy
            return (found, true)
        }
        if schedule {
            // Unstructured on purpose: the synchronous caller must not wait. At most one such task runs per
            // issuer (the `pulling` flag), and it always ends by clearing that flag in `pull`.
            Task { await self.pull(issuer, kid: kid, scheduled: true) }
        }
        return found
    }

    /// Asks the cache for `kid` (refreshing within its rate limit) and copies its current keys.
    func pull(_ issuer: String, kid: String?, scheduled: Bool = false) async {
        guard let cache = caches[issuer] else { return }
        if let kid { _ = await cache.keys(for: kid) }
        let keys = await cache.keys(for: nil)
        let now = clock()
        copies.withLock { copies in
            copies[issuer]?.keys = keys
            copies[issuer]?.syncedAt = now
            if scheduled { copies[issuer]?.pulling = false }
        }
    }

    /// Whether `issuer` is mirrored here and has a key for `kid` in the copy.
    func has(issuer: String, kid: String?) -> Bool {
        copies.withLock { copies in
            guard let copy = copies[issuer], !copy.keys.isEmpty else { return false }
            guard let kid else { return true }
            return copy.keys.contains { $0.keyID == kid }
        }
    }

    /// Pulls every issuer once (start-up warm-up).
    func pullAll() async {
        await withTaskGroup(of: Void.self) { group in
            for issuer in caches.keys { group.addTask { await self.pull(issuer, kid: nil) } }
        }
    }
}
