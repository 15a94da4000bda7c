import AgentryCore
import Foundation
import HTTP
import Synchronization
import Tenancy

/// A running Agentry server: the HTTP edge over one ``Platform``.
public final class AgentryServer: Sendable {
    /// The primitives behind the edge.
    public let platform: Platform
    private let http: HTTPServer
    private let logger = Logger(label: "agentry.server")

    private init(platform: Platform, http: HTTPServer) {
        self.platform = platform
        self.http = http
    }

    /// The port the edge listens on.
    public var port: UInt16 { http.port }

    /// The base URL of the edge.
    public var endpoint: String { platform.endpoint }

    /// Binds the edge, opens the platform and starts serving.
    ///
    /// The port is bound first so that a port of 0 resolves before tokens name the issuer URL; until the
    /// platform is ready, requests get 503 `server.starting`.
    /// - Parameters:
    ///   - config: a validated configuration.
    ///   - programDirectory: where bare agent program names are found (beside the `agentry` binary).
    /// - Returns: the running server.
    /// - Throws: `http.bind_failed` when the address is taken, or a storage, key or policy error while opening.
    public static func start(config: DeploymentConfig, programDirectory: URL) async throws -> AgentryServer {
        let router = Mutex<Router?>(nil)
        let http = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: config.server.host,
                port: config.server.port,
                maxBodyBytes: config.server.maxBodyBytes
            )
        ) { request in
            guard let current = router.withLock({ $0 }) else {
                return .error(CodedError("server.starting", "the server is starting", status: 503))
            }
            return await current.handle(request)
        }
        try http.start()
        let host = config.server.host.contains(":") ? "[\(config.server.host)]" : config.server.host
        let platform = try Platform(
            config: config,
            endpoint: "http://\(host):\(http.port)",
            programDirectory: programDirectory
        )
        router.withLock { $0 = AgentryRoutes.router(platform) }
        platform.exporter?.start()
        await platform.runtime.start()
        let server = AgentryServer(platform: platform, http: http)
        server.logger.notice("server listening", ["http.port": String(http.port), LogKey.tenant: "_platform"])
        return server
    }

    /// Stops every session and the edge, and flushes telemetry.
    public func stop() async {
        await platform.runtime.shutdown()
        http.stop()
        platform.policyStore.flushDecisionLog()
        await platform.exporter?.shutdown()
    }
}
