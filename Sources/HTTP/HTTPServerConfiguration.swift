/// Limits and addresses for an ``HTTPServer``.
public struct HTTPServerConfiguration: Sendable {
    /// Address to bind. Default `127.0.0.1`; Agentry never binds wider unless told to.
    public var host: String
    /// TCP port; 0 picks a free one (read it back from ``HTTPServer/port``). Default 8787.
    public var port: UInt16
    /// Largest accepted request body in bytes; larger ones get 413 `http.body_too_large`. Default 1 MiB.
    public var maxBodyBytes: Int
    /// Idle connection timeout in seconds. Default 30.
    public var idleTimeoutSeconds: Int
    /// Polling threads inside libmicrohttpd. Default 2.
    public var threads: Int

    /// Creates a configuration; every argument has the documented default.
    public init(
        host: String = "127.0.0.1",
        port: UInt16 = 8787,
        maxBodyBytes: Int = 1 << 20,
        idleTimeoutSeconds: Int = 30,
        threads: Int = 2
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.threads = threads
    }
}
