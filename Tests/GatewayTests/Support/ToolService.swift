import AgentryCore
import Foundation
import HTTP
import Synchronization

/// One request the downstream tool service received, as it arrived on the wire.
struct ReceivedCall: Sendable {
    let path: String
    let headers: HTTPHeaders
    let body: Data

    /// The body parsed as JSON (`.null` when it is not JSON).
    var json: JSONValue { (try? JSONValue.parse(body)) ?? .null }
}

/// A real HTTP tool service on 127.0.0.1 that records every request it gets.
///
/// Routes: `POST /tools/echo` answers `{"tag", "query", "echo"}` after sleeping `sleep_ms` (an argument);
/// `POST /tools/records` answers `{"deleted": id}`; `POST /tools/fail` answers 500 with a body that must never
/// reach the caller; `POST /tools/redirect` answers 307 to ``redirectTarget``.
final class ToolService: Sendable {
    /// A secret in the 500 body; it must not appear in anything the gateway returns.
    static let leakedSecret = "INTERNAL-TRACE db=prod-7 password=hunter2"

    private let log = Mutex<[ReceivedCall]>([])
    private let target = Mutex<URL?>(nil)
    private let server: Mutex<HTTPServer?> = Mutex(nil)

    /// Every request received so far, in arrival order.
    var received: [ReceivedCall] { log.withLock { $0 } }

    /// Where `/tools/redirect` points (another origin).
    var redirectTarget: URL? {
        get { target.withLock { $0 } }
        set { target.withLock { $0 = newValue } }
    }

    /// Starts listening on a free loopback port.
    func start() throws {
        let routes = makeRouter()
        let started = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: 2),
            router: routes
        )
        try started.start()
        server.withLock { $0 = started }
    }

    /// Stops the server.
    func stop() {
        server.withLock { $0?.stop() }
    }

    /// The absolute URL of `path` on this service.
    func url(_ path: String) -> URL {
        let port = server.withLock { $0?.port ?? 0 }
        return URL(string: "http://127.0.0.1:\(port)\(path)") ?? URL(fileURLWithPath: "/")
    }

    private func record(_ request: HTTPRequest) {
        log.withLock { $0.append(ReceivedCall(path: request.path, headers: request.headers, body: request.body)) }
    }

    private func makeRouter() -> Router {
        var router = Router()
        router.add("POST", "/tools/echo") { [self] request in
            record(request)
            let arguments = (try? JSONValue.parse(request.body)) ?? .null
            if let delay = arguments["sleep_ms"].intValue, delay > 0 {
                try await Task.sleep(for: .milliseconds(delay))
            }
            return .json(["tag": arguments["tag"], "query": arguments["query"], "echo": arguments])
        }
        router.add("POST", "/tools/records") { [self] request in
            record(request)
            let arguments = (try? JSONValue.parse(request.body)) ?? .null
            return .json(["deleted": arguments["id"]])
        }
        router.add("POST", "/tools/fail") { [self] request in
            record(request)
            return .text("stack trace: \(Self.leakedSecret)", status: 500)
        }
        router.add("POST", "/tools/redirect") { [self] request in
            record(request)
            var response = HTTPResponse(status: 307)
            response.headers.set("Location", redirectTarget?.absoluteString ?? "/")
            return response
        }
        router.add("POST", "/capture") { [self] request in
            record(request)
            return .json(["captured": true])
        }
        return router
    }
}
