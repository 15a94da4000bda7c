import Foundation

/// A small pool of dedicated threads usable as a task executor preference (`Task(executorPreference:)`).
///
/// Work given to it — the HTTP edge's request handlers, telemetry export — makes progress even while Swift's shared
/// cooperative pool, as wide as the machine has cores, is saturated by CPU-bound work elsewhere in the process;
/// default actors called from such tasks run on these threads too.
public final class ThreadPoolExecutor: TaskExecutor, @unchecked Sendable {
    // INVARIANT: `condition` guards `jobs` and `stopping`; workers take jobs under it and run them outside it.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false

    /// Starts `threads` workers named `name`.
    public init(threads: Int, name: String) {
        for index in 0..<max(1, threads) {
            // The workers hold the executor until `shutdown()` lets them finish.
            let thread = Thread { self.work() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Queues a job for the next free worker.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else {
            // A straggler after shutdown still runs, on a thread of its own.
            Thread { job.runSynchronously(on: self.asUnownedTaskExecutor()) }.start()
            return
        }
        jobs.append(job)
        condition.signal()
    }

    /// Lets the workers exit once the queued jobs are done.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            guard !jobs.isEmpty else {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
