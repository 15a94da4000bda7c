import AgentryCore
import CMicroHTTPD
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server on libmicrohttpd that runs `async` handlers on Swift's concurrency pool.
///
/// libmicrohttpd's threads never wait for a handler: the connection is suspended while the handler runs and
/// resumed when its response is ready. Ambiguous framing (several `Content-Length`, `Content-Length` with
/// `Transfer-Encoding`, several `Host`) is refused with 400 before any handler sees the request.
public final class HTTPServer: Sendable {
    /// The configuration the server was started with.
    public let configuration: HTTPServerConfiguration
    let handler: @Sendable (HTTPRequest) async -> HTTPResponse
    /// The connections suspended while their handlers run.
    let registry = SuspensionRegistry()
    static let stoppingError = CodedError("server.stopping", "the server is shutting down", status: 503)
    /// Threads that run handlers, apart from Swift's shared pool.
    let executor: ThreadPoolExecutor
    private let daemon = Mutex<DaemonHandle?>(nil)
    private let boundPort = Mutex<UInt16>(0)

    /// The raw daemon pointer.
    // INVARIANT: only passed to MHD_stop_daemon once, under the mutex; libmicrohttpd itself is thread-safe for it.
    struct DaemonHandle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    /// Creates a server; call ``start()`` to listen.
    public init(
        configuration: HTTPServerConfiguration,
        handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse
    ) {
        self.configuration = configuration
        self.handler = handler
        self.executor = ThreadPoolExecutor(threads: max(2, configuration.threads), name: "agentry-http")
    }

    /// Creates a server that dispatches through `router`.
    public convenience init(configuration: HTTPServerConfiguration, router: Router) {
        self.init(configuration: configuration) { request in await router.handle(request) }
    }

    /// The port the server listens on (useful after binding port 0).
    public var port: UInt16 { boundPort.withLock { $0 } }

    /// Binds the socket and starts libmicrohttpd's polling threads.
    /// - Throws: `http.bind_failed` when the address cannot be bound.
    public func start() throws {
        let socket = try ListeningSocket.open(host: configuration.host, port: configuration.port)
        boundPort.withLock { $0 = socket.port }
        let pointer = try startDaemon(listeningOn: socket.descriptor)
        daemon.withLock { $0 = DaemonHandle(pointer: pointer) }
    }

    /// Stops accepting and closes every connection.
    /// Requests whose handlers are still running are answered 503 `server.stopping` first: libmicrohttpd must not
    /// be stopped while it holds suspended connections.
    public func stop() {
        daemon.withLock { handle in
            guard let pointer = handle?.pointer else { return }
            registry.drain(with: .error(Self.stoppingError))
            MHD_stop_daemon(pointer)
            handle = nil
        }
        executor.shutdown()
    }

    deinit { stop() }

    private func startDaemon(listeningOn descriptor: Int32) throws -> OpaquePointer {
        let flags =
            UInt32(MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue)
            | UInt32(MHD_USE_EPOLL.rawValue)
        let context = Unmanaged.passUnretained(self).toOpaque()
        var options: [MHD_OptionItem] = [
            MHD_OptionItem(option: .LISTEN_SOCKET, value: Int(descriptor), ptr_value: nil),
            MHD_OptionItem(
                option: .CONNECTION_TIMEOUT,
                value: configuration.idleTimeoutSeconds,
                ptr_value: nil
            ),
            MHD_OptionItem(option: .THREAD_POOL_SIZE, value: max(1, configuration.threads), ptr_value: nil),
            MHD_OptionItem(
                option: .NOTIFY_COMPLETED,
                value: unsafeBitCast(requestCompleted, to: Int.self),
                ptr_value: context
            ),
            MHD_OptionItem(option: .END, value: 0, ptr_value: nil),
        ]
        let started = options.withUnsafeMutableBufferPointer { buffer -> OpaquePointer? in
            withVaList([Int32(MHD_OPTION.ARRAY.rawValue), buffer.baseAddress!, Int32(MHD_OPTION.END.rawValue)]) {
                MHD_start_daemon_va(flags, 0, nil, nil, accessHandler, context, $0)
            }
        }
        guard let started else {
            close(descriptor)
            throw CodedError("http.start_failed", "cannot start the HTTP server", status: 500)
        }
        return started
    }
}
