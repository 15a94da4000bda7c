import AgentryCore
import Synchronization

/// Collects decision records in memory and writes them to SQLite in batches, so a decision costs no write.
///
/// A batch is written when ``capacity`` records are pending, when the log is read, and on
/// ``PolicyStore/flushDecisionLog()``. Records pending when the process dies are lost: the decision log is a
/// rollout aid, not the security audit.
final class DecisionLogBuffer: Sendable {
    /// Records held before a batch write (default 64).
    let capacity: Int
    private let pending = Mutex<[(PolicyScope, DecisionRecord)]>([])
    private let repository: PolicyRepository
    private let logger = Logger(label: "agentry.policy")

    init(repository: PolicyRepository, capacity: Int = 64) {
        self.repository = repository
        self.capacity = max(capacity, 1)
    }

    /// Queues a record; writes the batch when full.
    func append(_ scope: PolicyScope, _ record: DecisionRecord) {
        let batch: [(PolicyScope, DecisionRecord)]? = pending.withLock { queue in
            queue.append((scope, record))
            guard queue.count >= capacity else { return nil }
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
        if let batch { write(batch) }
    }

    /// Writes everything pending.
    func flush() {
        let batch = pending.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
        write(batch)
    }

    private func write(_ batch: [(PolicyScope, DecisionRecord)]) {
        do {
            try repository.appendDecisions(batch)
        } catch {
            logger.error("decision log write failed", ["count": String(batch.count)])
        }
    }
}
