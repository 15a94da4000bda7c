import AgentryCore
import Foundation
import HTTP

#if canImport(Glibc)
import Glibc
#endif

/// One running agent process with its own port and working directory; bound to at most one session, ever.
public final class AgentSandbox: Sendable {
    /// The process.
    public let process: ChildProcess
    /// How Agentry reaches the agent, and the agent Agentry.
    let network: SandboxNetwork
    /// The sandbox's private working directory (removed when the sandbox stops).
    public let directory: String
    /// Agent id.
    public let agent: String
    private let client = HTTPClient()

    init(process: ChildProcess, network: SandboxNetwork, directory: String, agent: String) {
        self.process = process
        self.network = network
        self.directory = directory
        self.agent = agent
    }

    /// Starts `program` in a new directory under `root` and waits for `GET /ping` to report health.
    static func start(
        _ program: AgentProgram,
        root: String,
        launcher: SandboxLauncher,
        agentryEndpoint: String
    ) async throws -> AgentSandbox {
        let directory = root + "/" + Identifiers.hex(bytes: 12)
        try FileManager.default.createDirectory(
            atPath: directory + "/tmp",
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
        let network = try SandboxNetwork(launcher: launcher, directory: directory, agentryEndpoint: agentryEndpoint)
        var environment = program.environment
        environment.merge([
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": directory, "TMPDIR": directory + "/tmp",
            "LANG": "C.UTF-8", "PORT": String(network.agentPort), "AGENTRY_ENDPOINT": network.agentryEndpoint,
        ]) { _, platform in platform }
        let process: ChildProcess
        do {
            process = try ChildProcess.spawn(
                launcher.command(for: network.wrap(program.arguments), directory: directory),
                environment: environment,
                directory: directory,
                logPath: directory + "/agent.log"
            )
        } catch {
            network.close()
            throw error
        }
        let sandbox = AgentSandbox(process: process, network: network, directory: directory, agent: program.id)
        do {
            try await sandbox.waitUntilHealthy()
        } catch {
            await sandbox.stop()
            throw error
        }
        return sandbox
    }

    /// Polls `GET /ping` until the agent answers `Healthy` or `HealthyBusy`.
    func waitUntilHealthy(timeout: TimeInterval = 15) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else { throw RuntimeError.startFailed }
            if let status = try? await ping(), status.hasPrefix("Healthy") { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw RuntimeError.unhealthy
    }

    /// The agent's `/ping` status string (`Healthy`, `HealthyBusy`).
    public func ping() async throws -> String {
        let response = try await network.send(client, "GET", url("/ping"), timeout: 2)
        return try response.jsonBody()["status"].stringValue ?? ""
    }

    /// Forwards one invocation and returns the agent's response unchanged.
    func invoke(_ invocation: Invocation, sessionID: String) async throws -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", invocation.contentType)
        headers.set("X-Amzn-Bedrock-AgentCore-Runtime-Session-Id", sessionID)
        headers.set("X-Amzn-Bedrock-AgentCore-Runtime-Request-Id", invocation.requestID)
        headers.set("WorkloadAccessToken", invocation.workloadToken)
        if let traceparent = invocation.traceparent { headers.set("traceparent", traceparent) }
        return try await network.send(
            client,
            "POST",
            url("/invocations"),
            headers: headers,
            body: invocation.body,
            timeout: 120
        )
    }

    /// Stops the process group, reaps it and removes the working directory.
    /// - Returns: CPU seconds used by the agent process.
    @discardableResult
    func stop() async -> Double {
        let seconds = await process.terminate()
        network.close()
        try? FileManager.default.removeItem(atPath: directory)
        return seconds
    }

    private func url(_ path: String) -> URL {
        // INVARIANT: a loopback URL with a numeric port always parses.
        URL(string: "http://127.0.0.1:\(network.agentPort)\(path)") ?? URL(fileURLWithPath: "/")
    }
}
