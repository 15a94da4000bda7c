import AgentryCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One blocking TCP connection with deadlines, for ``SocketTransport``.
struct TCPConnection {
    let descriptor: Int32

    /// Connects to a Unix-domain socket (a local peer: the connect is immediate).
    ///
    /// The last path component is opened without following symlinks and must be a socket, and the connection
    /// goes through that opened file: a sandbox that swaps its socket for a link cannot send Agentry elsewhere.
    static func open(unixSocket path: String) throws -> TCPConnection {
        // O_PATH (Linux: 0o10000000) is not exported to Swift by Glibc: it needs _GNU_SOURCE.
        let openPathOnly: Int32 = 0o10000000
        let file = Glibc.open(path, openPathOnly | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else { throw SocketTransport.unreachable }
        defer { _ = Glibc.close(file) }
        var info = stat()
        guard fstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFSOCK else { throw SocketTransport.unreachable }
        return try connectUnix("/proc/self/fd/\(file)")
    }

    private static func connectUnix(_ path: String) throws -> TCPConnection {
        guard path.utf8.count < 108 else { throw SocketTransport.unreachable }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SocketTransport.unreachable }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            _ = Glibc.close(descriptor)
            throw SocketTransport.unreachable
        }
        return TCPConnection(descriptor: descriptor)
    }

    /// Resolves `host` and connects within the deadline.
    static func open(host: String, port: UInt16, deadline: Date) throws -> TCPConnection {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var results: UnsafeMutablePointer<addrinfo>?
        let name = host == "localhost" ? "127.0.0.1" : host
        guard getaddrinfo(name, String(port), &hints, &results) == 0, let first = results else {
            throw SocketTransport.unreachable
        }
        defer { freeaddrinfo(results) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            if let connection = try? connect(current.pointee, deadline: deadline) { return connection }
            entry = current.pointee.ai_next
        }
        throw SocketTransport.unreachable
    }

    private static func connect(_ info: addrinfo, deadline: Date) throws -> TCPConnection {
        let descriptor = socket(info.ai_family, info.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.ai_protocol)
        guard descriptor >= 0 else { throw SocketTransport.unreachable }
        let connection = TCPConnection(descriptor: descriptor)
        // Connect without blocking, then wait for writability until the deadline.
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        if Glibc.connect(descriptor, info.ai_addr, info.ai_addrlen) != 0 && errno != EINPROGRESS {
            connection.close()
            throw SocketTransport.unreachable
        }
        guard connection.poll(Int16(POLLOUT), deadline: deadline) else {
            connection.close()
            throw SocketTransport.timedOut
        }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
        guard error == 0 else {
            connection.close()
            throw SocketTransport.unreachable
        }
        _ = fcntl(descriptor, F_SETFL, flags)
        var noDelay: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        return connection
    }

    /// Writes all of `data`.
    func write(_ data: Data) throws {
        var offset = 0
        try data.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let sent = send(
                    descriptor,
                    bytes.baseAddress?.advanced(by: offset),
                    bytes.count - offset,
                    Int32(MSG_NOSIGNAL)
                )
                guard sent > 0 else { throw SocketTransport.unreachable }
                offset += sent
            }
        }
    }

    /// Reads until the peer closes, the deadline passes (`http.upstream_timeout`) or `limit` is exceeded.
    func readToEnd(deadline: Date, limit: Int) throws -> Data {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            guard poll(Int16(POLLIN), deadline: deadline) else { throw SocketTransport.timedOut }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return received }
            guard count > 0 else {
                if errno == EINTR || errno == EAGAIN { continue }
                throw SocketTransport.unreachable
            }
            received.append(contentsOf: buffer[0..<count])
            guard received.count <= limit else {
                throw CodedError("http.upstream_too_large", "upstream response is too large", status: 502)
            }
        }
    }

    /// Waits for `events` until the deadline; false on timeout.
    func poll(_ events: Int16, deadline: Date) -> Bool {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return false }
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let result = Glibc.poll(&entry, 1, Int32(min(remaining * 1000, 60_000).rounded(.up)))
            if result > 0 { return true }
            if result < 0 && errno != EINTR { return true }
        }
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
