import AgentryCore
import Foundation
import Runtime

#if canImport(Glibc)
    import Glibc
#endif

/// The example's downstream tool service, run as a child process for the length of the demo.
final class ToolServiceProcess {
    private let process: ChildProcess

    /// Starts `docassist-tools` on `port`, trusting tokens of `issuer`, and waits until it answers `/ping`.
    init(programDirectory: URL, port: UInt16, issuer: String, auditFile: String) async throws {
        let directory = URL(fileURLWithPath: auditFile).deletingLastPathComponent().path
        let program = programDirectory.appendingPathComponent("docassist-tools").path
        process = try ChildProcess.spawn(
            [program, "--port", String(port), "--issuer", issuer, "--audit-file", auditFile],
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"], directory: directory,
            logPath: directory + "/tools.log")
        try await waitUntilHealthy(port: port)
    }

    private func waitUntilHealthy(port: UInt16) async throws {
        let url = URL(string: "http://127.0.0.1:\(port)/ping")
        for _ in 0..<200 {
            if let url, let response = try? await DemoHTTP.client.send("GET", url, timeout: 1), response.status == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        await stop()
        throw CodedError("demo.tools_unhealthy", "docassist-tools did not start", status: 500)
    }

    /// Stops the service and reaps it.
    func stop() async {
        await process.terminate()
    }

    /// A free loopback port.
    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
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
        guard descriptor >= 0, bound else {
            throw CodedError("demo.no_port", "no free loopback port", status: 500)
        }
        return UInt16(bigEndian: address.sin_port)
    }
}
