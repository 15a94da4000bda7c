import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Listening and connecting sockets for ``Relay``.
public enum Socket {
    /// A socket error (the relay logs nothing itself; callers decide).
    public struct Failure: Error {
        /// What failed.
        public let operation: String
    }

    /// A listening socket on `endpoint` (a Unix socket file is replaced if it exists).
    public static func listen(_ endpoint: Relay.Endpoint) throws -> Int32 {
        let descriptor = try open(endpoint)
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if case .unix(let path) = endpoint { unlink(path) }
        let bound = withAddress(endpoint) { bind(descriptor, $0, $1) }
        guard bound == 0, Glibc.listen(descriptor, 128) == 0 else {
            close(descriptor)
            throw Failure(operation: "listen")
        }
        return descriptor
    }

    /// A connected socket to `endpoint`.
    public static func connect(_ endpoint: Relay.Endpoint) throws -> Int32 {
        let descriptor = try open(endpoint)
        guard withAddress(endpoint, { Glibc.connect(descriptor, $0, $1) }) == 0 else {
            close(descriptor)
            throw Failure(operation: "connect")
        }
        return descriptor
    }

    private static func open(_ endpoint: Relay.Endpoint) throws -> Int32 {
        let family: Int32
        switch endpoint {
        case .loopback: family = AF_INET
        case .unix(let path):
            guard path.utf8.count < 108 else { throw Failure(operation: "path too long") }
            family = AF_UNIX
        }
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(operation: "socket") }
        return descriptor
    }

    /// Calls `body` with the endpoint's socket address.
    static func withAddress<T>(_ endpoint: Relay.Endpoint, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        switch endpoint {
        case .loopback(let port):
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .unix(let path):
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
            }
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
        }
    }
}
