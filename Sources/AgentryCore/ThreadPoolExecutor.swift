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

    /// Stack size of each worker, in bytes.
    private let stackSize: Int

    /// The stack each worker gets unless told otherwise: 8 MiB, stated rather than inherited from the platform's
    /// thread default (which varies with `ulimit -s` and the C library), so that deep but bounded recursion in a
    /// handler, such as evaluating a policy at the Cedar parser's nesting limit, has the same room everywhere.
    public static let defaultStackSize = 8 << 20

    /// Starts `threads` workers named `name`, each with a stack of `stackSize` bytes (default 8 MiB).
    public init(threads: Int, name: String, stackSize: Int = ThreadPoolExecutor.defaultStackSize) {
        self.stackSize = stackSize
        for index in 0..<max(1, threads) {
            // The workers hold the executor until `shutdown()` lets them finish.
            let thread = Thread { self.work() }
            thread.stackSize = stackSize
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
            let thread = Thread { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
            thread.stackSize = stackSize
            thread.start()
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
