import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Waits for SIGINT or SIGTERM.
enum ShutdownSignal {
    static func wait() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = Once(continuation)
            for number in [SIGINT, SIGTERM] {
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { once.resume() }
                source.resume()
                Sources.keep(source)
            }
        }
    }

    /// Resumes a continuation at most once.
    private final class Once: @unchecked Sendable {
        // INVARIANT: `lock` guards `continuation`; it is resumed and cleared under the lock exactly once.
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Void, Never>?
        init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }
        func resume() {
            lock.lock()
            let pending = continuation
            continuation = nil
            lock.unlock()
            pending?.resume()
        }
    }

    /// Keeps signal sources alive for the life of the process.
    private enum Sources {
        nonisolated(unsafe) private static var kept: [any DispatchSourceSignal] = []
        // INVARIANT: only called from `wait()`, once per process, before any signal can arrive.
        static func keep(_ source: any DispatchSourceSignal) { kept.append(source) }
    }
}
