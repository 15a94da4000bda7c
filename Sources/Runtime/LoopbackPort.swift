import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Free ports on 127.0.0.1 for agents and helper services.
public enum LoopbackPort {
    /// Asks the kernel for a port that is free now (it may be taken again before use; callers retry on failure).
    /// - Returns: the port.
    /// - Throws: `runtime.start_failed` when no socket can be bound.
    public static func free() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RuntimeError.startFailed }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw RuntimeError.startFailed }
        return UInt16(bigEndian: address.sin_port)
    }
}
