import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension ExchangeBench {
    /// An `agentry serve` child process on a free loopback port, for the HTTP benchmark.
    final class ServedAgentry {
        /// The port it listens on.
        let port: UInt16
        private let process = Process()
        private let program: String

        /// Starts `program serve --config config --port P` on a free port and waits (at most 60 s) until it accepts
        /// connections.
        init(program: String, config: String) throws {
            self.program = program
            port = try Self.freePort()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = ["serve", "--config", config, "--port", String(port)]
            var environment = ProcessInfo.processInfo.environment
            environment["AGENTRY_LOG_LEVEL"] = "error"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(60)
            while (try? LoopbackConnection(port: port)) == nil {
                guard process.isRunning, Date() < deadline else {
                    stop()
                    throw BenchUsageError("`agentry serve` did not start (is `\(program)` built?)")
                }
                usleep(50_000)
            }
        }

        /// A port the kernel had free a moment ago.
        private static func freePort() throws -> UInt16 {
            let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(probe) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(probe, $0, length) == 0 && getsockname(probe, $0, &length) == 0
                }
            }
            guard bound else { throw BenchUsageError("no free loopback port") }
            return UInt16(bigEndian: address.sin_port)
        }

        /// Runs `program arguments…` to completion and returns its standard output.
        func run(_ arguments: [String]) throws -> String {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: program)
            child.arguments = arguments
            let output = Pipe()
            child.standardOutput = output
            child.standardError = FileHandle.nullDevice
            try child.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            child.waitUntilExit()
            guard child.terminationStatus == 0 else { throw BenchUsageError("`agentry \(arguments[0])` failed") }
            return String(decoding: data, as: UTF8.self)
        }

        /// Stops the server and waits for it.
        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// One blocking keep-alive HTTP/1.1 connection to 127.0.0.1.
    final class LoopbackConnection {
        private let socket: Int32

        /// Connects to `127.0.0.1:port`.
        init(port: UInt16) throws {
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            var one: Int32 = 1
            setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            guard socket >= 0, connected == 0 else { throw BenchUsageError("cannot connect to 127.0.0.1:\(port)") }
        }

        deinit {
            close(socket)
        }

        /// Sends `request` `count` times, one at a time; returns each round trip in nanoseconds.
        /// - Throws: when a reply is not `200`.
        func timedRequests(_ request: Data, count: Int) throws -> [UInt64] {
            var times = [UInt64]()
            times.reserveCapacity(count)
            for _ in 0..<count {
                let start = DispatchTime.now().uptimeNanoseconds
                try send(request)
                guard try readReply() == 200 else { throw BenchUsageError("an exchange was refused") }
                times.append(DispatchTime.now().uptimeNanoseconds - start)
            }
            return times
        }

        private func send(_ data: Data) throws {
            let sent = data.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent == data.count else { throw BenchUsageError("send failed") }
        }

        /// Reads one response (headers, then `Content-Length` bytes of body); returns its status code.
        private func readReply() throws -> Int {
            var buffer = [UInt8]()
            var chunk = [UInt8](repeating: 0, count: 16_384)
            let separator: [UInt8] = [13, 10, 13, 10]
            var headerEnd: Int?
            var expected = Int.max
            while buffer.count < expected {
                let got = recv(socket, &chunk, chunk.count, 0)
                guard got > 0 else { throw BenchUsageError("connection closed") }
                buffer += chunk[0..<got]
                if headerEnd == nil, let range = buffer.firstRange(of: separator) {
                    headerEnd = range.upperBound
                    let head = String(decoding: buffer[0..<range.lowerBound], as: UTF8.self).lowercased()
                    let length = head.firstMatch(of: /content-length:\s*(\d+)/).flatMap { Int($0.1) } ?? 0
                    expected = range.upperBound + length
                }
            }
            let statusLine = String(decoding: buffer.prefix(12), as: UTF8.self)
            return Int(statusLine.dropFirst(9).prefix(3)) ?? 0
        }
    }
}
