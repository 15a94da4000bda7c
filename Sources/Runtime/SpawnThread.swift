import Foundation

/// A thread that lives as long as the process and runs every process spawn, so that children whose death is
/// tied to their parent thread (bubblewrap's `--die-with-parent`) outlive the request that started them and
/// die with Agentry.
final class SpawnThread: @unchecked Sendable {
    // INVARIANT: `condition` guards `jobs`; jobs run only on the spawn thread, one at a time, and each caller
    // waits on its own semaphore for its result.
    static let shared = SpawnThread()

    private let condition = NSCondition()
    private var jobs: [() -> Void] = []

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "agentry-spawn"
        thread.start()
    }

    /// Runs `body` on the spawn thread and returns its result (blocks the caller briefly).
    func run<T>(_ body: @escaping () -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        var result: T?
        condition.lock()
        jobs.append {
            result = body()
            done.signal()
        }
        condition.signal()
        condition.unlock()
        done.wait()
        // INVARIANT: the job assigned `result` before signalling.
        return result!
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
