import Foundation

/// The pure rotation rules of a ``KeyRing``: given its keys (ascending sequence) and the time, which one signs,
/// which are published, and which may be deleted. No I/O, so it is tested with plain dates.
struct KeySchedule {
    /// One stored key: its file sequence number, the key, and when it starts signing.
    struct Entry: Sendable {
        let sequence: Int
        let key: SigningKey
        let activatesAt: Date
    }

    /// Index of the signing key: the highest sequence whose activation time has come (the first key if none has).
    let activeIndex: Int
    /// Every key with its phase and dates, in ascending sequence.
    let keys: [ScheduledKey]
    /// Indices of keys still published (pending, active, and retired within retention), ascending.
    let published: [Int]
    /// Indices of keys past retention (or beyond the policy's cap) that may be deleted.
    let removable: [Int]

    /// Computes the schedule of non-empty `entries` at `now` under `policy`.
    init(entries: [Entry], now: Date, policy: KeyRotationPolicy) {
        let active = entries.lastIndex { $0.activatesAt <= now } ?? 0
        var keys = [ScheduledKey]()
        var published = [Int]()
        var removable = [Int]()
        for (index, entry) in entries.enumerated() {
            // A key stops signing when the first later key that has activated takes over.
            let successors = index < active ? entries[(index + 1)...active].map(\.activatesAt) : []
            let retiredAt = successors.min()
            let removableAt = retiredAt.map { $0.addingTimeInterval(policy.retention) }
            let phase: ScheduledKey.Phase = index == active ? .active : (index > active ? .pending : .retired)
            keys.append(
                ScheduledKey(
                    kid: entry.key.kid,
                    algorithm: entry.key.algorithm,
                    phase: phase,
                    activatesAt: entry.activatesAt,
                    retiredAt: retiredAt,
                    removableAt: removableAt
                )
            )
            if let removableAt, removableAt <= now { removable.append(index) } else { published.append(index) }
        }
        Self.applyCap(policy.maximumKeys, published: &published, removable: &removable, active: active)
        activeIndex = active
        self.keys = keys
        self.published = published
        self.removable = removable.sorted()
    }

    /// Drops the oldest retired keys while more than `cap` are published; active and pending keys always stay.
    private static func applyCap(_ cap: Int?, published: inout [Int], removable: inout [Int], active: Int) {
        guard let cap else { return }
        while published.count > cap, let oldest = published.first, oldest < active {
            published.removeFirst()
            removable.append(oldest)
        }
    }
}
