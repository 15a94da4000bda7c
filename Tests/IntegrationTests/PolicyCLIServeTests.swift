import AgentryCore
import Foundation
import HTTP
import Testing

/// `agentry serve` as a real process, administered with a token from `agentry token issue`, then inspected with
/// `agentry policy` on its data directory.
@Suite("Policy CLI: a served deployment", .enabled(if: AgentryCLI.isBuilt, "the agentry executable is not built"))
struct PolicyCLIServeTests {
    /// A running `agentry serve` child process and the port it listens on.
    private final class ServeProcess: Sendable {
        let process: Process
        let port: Int
        let log: String

        private init(process: Process, port: Int, log: String) {
            self.process = process
            self.port = port
            self.log = log
        }

        /// Starts the server on a free port and waits (at most 20 s) for its `server listening` log line.
        static func start(dataDirectory: String) async throws -> ServeProcess {
            let log = dataDirectory + ".log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let process = Process()
            process.executableURL = AgentryCLI.executable
            process.arguments = [
                "serve", "--config", TestPaths.exampleConfig, "--port", "0", "--data-dir", dataDirectory,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            try process.run()
            for _ in 0..<200 {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if let range = text.range(of: #""http.port":"(\d+)""#, options: .regularExpression) {
                    let port = Int(text[range].filter(\.isNumber)) ?? 0
                    return ServeProcess(process: process, port: port, log: log)
                }
                guard process.isRunning else { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            process.terminate()
            throw CodedError("test.serve_failed", "agentry serve did not start", status: 500)
        }

        /// Interrupts the server and waits (at most 10 s) for it to exit; returns its exit status.
        func interrupt() async throws -> Int32? {
            process.interrupt()
            for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            guard !process.isRunning else {
                process.terminate()
                return nil
            }
            return process.terminationStatus
        }
    }

    @Test("a token from `agentry token issue` administers a served tenant; `agentry policy` then shows the change")
    func serveTokenAndStore() async throws {
        let data = TestPaths.temporaryDirectory("cli-serve") + "/data"
        let server = try await ServeProcess.start(dataDirectory: data)
        defer { if server.process.isRunning { server.process.terminate() } }
        let endpoint = "http://127.0.0.1:\(server.port)"

        let issued = try await AgentryCLI.run([
            "token", "issue", "--config", TestPaths.exampleConfig, "--tenant", "smallfirm", "--user", "olga",
            "--scope", "policy:admin docs:read", "--port", String(server.port), "--data-dir", data,
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        let admin = Caller(endpoint: endpoint, token: issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let embed: JSONValue = ["input": "a clause"]
        #expect(try await admin.json("POST", "/v1/embeddings", embed).status == 200)
        let publish: JSONValue = ["policies": .string(TenantPolicies.noEmbeddings), "expectedVersion": 0]
        #expect(try await admin.json("PUT", "/admin/policies", publish).status == 200)
        let denied = try await admin.json("POST", "/v1/embeddings", embed)
        #expect(denied.status == 403)
        #expect(denied.errorCode == "policy.denied")
        #expect(try await server.interrupt() == 0)

        // The data directory now holds the platform layer (author `config`) and the tenant's audited publish.
        let store = ["--config", TestPaths.exampleConfig, "--data-dir", data]
        let audit = try await AgentryCLI.run(["policy", "audit", "--tenant", "smallfirm"] + store)
        let entries = try JSONValue.parse(audit.stdout)["entries"].arrayValue ?? []
        #expect(entries.map { [$0["actor"], $0["action"], $0["outcome"]] } == [["olga", "publish", "accepted"]])
        let platform = try await AgentryCLI.run(["policy", "list", "--platform"] + store)
        let versions = try JSONValue.parse(platform.stdout)["versions"].arrayValue ?? []
        #expect(versions.map { $0["author"] } == ["config"])
        let other = try await AgentryCLI.run(["policy", "show", "--tenant", "bigbank"] + store)
        #expect(try JSONValue.parse(other.stdout)["active"] == .null)
    }
}
