import AgentryCore
import Foundation
import Synchronization

/// What the server keeps for one request while libmicrohttpd calls back several times.
///
/// libmicrohttpd calls the access handler first with headers, then once per body chunk, then once more with no
/// data; the connection is then suspended while the Swift handler runs, and resumed to send the response.
final class ConnectionContext: Sendable {
    struct State {
        var body = Data()
        var tooLarge = false
        var framingError: CodedError?
        var started = false
        var response: HTTPResponse?
        /// Resumed and not yet answered or closed (see ``SuspensionRegistry``).
        var resuming = false
    }

    let state = Mutex(State())
}
