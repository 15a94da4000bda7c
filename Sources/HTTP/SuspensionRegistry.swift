import CMicroHTTPD
import Foundation
import Synchronization

/// The connections a server has suspended while their handlers run, so that each is resumed exactly once — by its
/// handler, or by `stop()` with a 503 — and libmicrohttpd is never stopped with a connection still suspended
/// (it aborts the process if it is).
final class SuspensionRegistry: Sendable {
    /// A connection pointer held while suspended.
    // INVARIANT: only resumed under `state`'s lock, once, while the daemon is running.
    struct Connection: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private struct State {
        var suspended: [ObjectIdentifier: (Connection, ConnectionContext)] = [:]
        var stopping = false
        /// Resumed connections whose final callback has not come yet.
        var resuming = 0
    }

    private let state = Mutex(State())

    /// Suspends `connection` for `context`; false when the server is stopping (answer at once instead).
    func suspend(_ connection: OpaquePointer, _ context: ConnectionContext) -> Bool {
        state.withLock { state in
            guard !state.stopping else { return false }
            MHD_suspend_connection(connection)
            state.suspended[ObjectIdentifier(context)] = (Connection(pointer: connection), context)
            return true
        }
    }

    /// Resumes the connection of `context` with `response`, unless `stop()` already did.
    func resume(_ context: ConnectionContext, with response: HTTPResponse) {
        state.withLock { state in
            guard let (connection, _) = state.suspended.removeValue(forKey: ObjectIdentifier(context)) else { return }
            context.state.withLock {
                $0.response = response
                $0.resuming = true
            }
            state.resuming += 1
            MHD_resume_connection(connection.pointer)
        }
    }

    /// Called when libmicrohttpd is done with a resumed connection (its response queued, or the client gone).
    func resumed(_ context: ConnectionContext) {
        let wasResuming = context.state.withLock { state -> Bool in
            defer { state.resuming = false }
            return state.resuming
        }
        if wasResuming { state.withLock { $0.resuming -= 1 } }
    }

    /// Resumes every suspended connection with `response` and refuses new suspensions; then waits up to
    /// `timeout` seconds for libmicrohttpd to take them back.
    func drain(with response: HTTPResponse, timeout: TimeInterval = 5) {
        state.withLock { state in
            state.stopping = true
            for (connection, context) in state.suspended.values {
                context.state.withLock {
                    $0.response = response
                    $0.resuming = true
                }
                state.resuming += 1
                MHD_resume_connection(connection.pointer)
            }
            state.suspended.removeAll()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while state.withLock({ $0.resuming > 0 }), Date() < deadline {
            usleep(5_000)
        }
    }
}
