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
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"],
            directory: directory,
            logPath: directory + "/tools.log"
        )
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
}
