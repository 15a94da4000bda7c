import AgentryCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain HTTP/1.1 exchange over one TCP connection (`Connection: close`), run on a thread of its own.
///
/// Agentry's outbound calls on a host are to loopback peers (agents, tools, JWKS, collectors). Doing them with
/// blocking sockets on dedicated threads keeps them off Swift's cooperative pool and independent of URLSession,
/// whose Linux implementation can stall under load.
enum SocketTransport {
    /// Largest response accepted, in bytes.
    static let maximumResponseBytes = 64 << 20

    /// Performs the exchange on a new thread and resumes the caller with its result.
    static func exchange(
        _ method: String,
        _ url: URL,
        headers: HTTPHeaders,
        body: Data?,
        timeout: TimeInterval,
        unixSocket: String? = nil
    )
        async throws -> HTTPResponse
    {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(
                    with: Result {
                        try perform(method, url, headers: headers, body: body, timeout: timeout, unixSocket: unixSocket)
                    }
                )
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// The blocking exchange.
    static func perform(
        _ method: String,
        _ url: URL,
        headers: HTTPHeaders,
        body: Data?,
        timeout: TimeInterval,
        unixSocket: String? = nil
    ) throws
        -> HTTPResponse
    {
        guard let host = url.host, !host.isEmpty else { throw unreachable }
        let port = UInt16(url.port ?? 80)
        let deadline = Date().addingTimeInterval(timeout)
        if let unixSocket {
            let socket = try TCPConnection.open(unixSocket: unixSocket)
            defer { socket.close() }
            try socket.write(try requestBytes(method, url, host: host, port: port, headers: headers, body: body))
            return try ResponseParser.parse(try socket.readToEnd(deadline: deadline, limit: maximumResponseBytes))
        }
        let socket = try TCPConnection.open(host: host, port: port, deadline: deadline)
        defer { socket.close() }
        try socket.write(try requestBytes(method, url, host: host, port: port, headers: headers, body: body))
        let raw = try socket.readToEnd(deadline: deadline, limit: maximumResponseBytes)
        return try ResponseParser.parse(raw)
    }

    static let unreachable = CodedError("http.upstream_unreachable", "upstream is unreachable", status: 502)
    static let timedOut = CodedError("http.upstream_timeout", "upstream did not answer in time", status: 504)

    private static func requestBytes(
        _ method: String,
        _ url: URL,
        host: String,
        port: UInt16,
        headers: HTTPHeaders,
        body: Data?
    ) throws -> Data {
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?" + query }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host.contains(":") ? "[\(host)]" : host):\(port)\r\n"
        head += "Connection: close\r\nContent-Length: \(body?.count ?? 0)\r\n"
        for (name, value) in headers where !["host", "connection", "content-length"].contains(name) {
            // Header injection: a CR or LF in a name or value would start a new header or request.
            guard !name.contains(where: \.isNewline), !value.contains(where: \.isNewline) else {
                throw CodedError.badRequest("header contains a line break", code: "http.invalid_header")
            }
            head += "\(name): \(value)\r\n"
        }
        return Data((head + "\r\n").utf8) + (body ?? Data())
    }
}
