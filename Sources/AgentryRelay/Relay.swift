import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Byte relays between TCP and Unix-domain sockets, on plain threads: how a sandbox with a network of its own
/// talks to Agentry and Agentry to it.
public enum Relay {
    /// The address a relay listens on or connects to.
    public enum Endpoint: Sendable {
        /// `127.0.0.1:port`.
        case loopback(UInt16)
        /// A Unix-domain socket at a path (at most 107 bytes).
        case unix(String)
    }

    /// Listens on `listen` and, for every connection, connects to `target` and copies bytes both ways until
    /// either side closes. Returns the listening descriptor (close it to stop accepting).
    public static func start(listen: Endpoint, target: Endpoint) throws -> Int32 {
        let listener = try Socket.listen(listen)
        Thread {
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 {
                    if errno == EINTR { continue }
                    return
                }
                Thread { pump(client, to: target) }.start()
            }
        }.start()
        return listener
    }

    private static func pump(_ client: Int32, to target: Endpoint) {
        guard let server = try? Socket.connect(target) else {
            close(client)
            return
        }
        let done = DispatchSemaphore(value: 0)
        Thread {
            copy(from: client, to: server)
            done.signal()
        }.start()
        copy(from: server, to: client)
        done.wait()
        close(client)
        close(server)
    }

    /// Copies until end of stream, then half-closes the destination so the peer sees the end too.
    private static func copy(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = read(source, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes {
                    send(destination, $0.baseAddress?.advanced(by: offset), count - offset, Int32(MSG_NOSIGNAL))
                }
                guard written > 0 else {
                    shutdown(source, Int32(SHUT_RD))
                    return
                }
                offset += written
            }
        }
        shutdown(destination, Int32(SHUT_WR))
    }
}
