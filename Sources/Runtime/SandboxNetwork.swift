import AgentryCore
import AgentryRelay
import Foundation
import HTTP

#if canImport(Glibc)
import Glibc
#endif

/// How Agentry and one sandboxed agent reach each other.
///
/// With network isolation the sandbox has a network namespace of its own: the agent serves on port 8080 of its
/// private loopback (the AgentCore contract's port) and calls Agentry at `127.0.0.1:<Agentry's port>` there.
/// `agentry-portal` inside relays both to two Unix sockets in the sandbox directory — `i` (Agentry → agent) and
/// `o` (agent → Agentry, served by a relay here). Without isolation the agent listens on a free host loopback port.
struct SandboxNetwork: Sendable {
    /// The port the agent listens on (in its own namespace when isolated).
    let agentPort: UInt16
    /// The base URL the agent calls Agentry at.
    let agentryEndpoint: String
    private let inbound: String?
    private let portal: String?
    private let outboundRelay: Int32?
    private let outbound: String?
    /// The port the agent calls Agentry at inside its namespace (unprivileged, never the agent's own).
    private let insidePort: UInt16

    init(launcher: SandboxLauncher, directory: String, agentryEndpoint: String) throws {
        let agentryPort = UInt16(URL(string: agentryEndpoint)?.port ?? 80)
        insidePort = agentryPort >= 1024 && agentryPort != 8080 ? agentryPort : 8787
        let inbound = directory + "/i"
        let outbound = directory + "/o"
        guard launcher.isolatesNetwork, let portal = launcher.portal, outbound.utf8.count < 100 else {
            self.agentPort = try LoopbackPort.free()
            self.agentryEndpoint = agentryEndpoint
            self.inbound = nil
            self.outbound = nil
            self.portal = nil
            self.outboundRelay = nil
            return
        }
        self.agentPort = 8080
        self.agentryEndpoint = "http://127.0.0.1:\(insidePort)"
        self.inbound = inbound
        self.outbound = outbound
        self.portal = portal
        do {
            self.outboundRelay = try Relay.start(listen: .unix(outbound), target: .loopback(agentryPort))
        } catch {
            throw RuntimeError.startFailed
        }
    }

    /// The command that starts `program` behind the portal (unchanged without isolation).
    func wrap(_ program: [String]) -> [String] {
        guard let portal, let inbound, let outbound else { return program }
        return [portal, inbound, String(agentPort), outbound, String(insidePort), "--"] + program
    }

    /// Sends one request to the agent.
    func send(
        _ client: HTTPClient,
        _ method: String,
        _ url: URL,
        headers: HTTPHeaders = HTTPHeaders(),
        body: Data? = nil,
        timeout: TimeInterval
    ) async throws -> HTTPResponse {
        if let inbound {
            return try await client.send(
                method,
                url,
                unixSocket: inbound,
                headers: headers,
                body: body,
                timeout: timeout
            )
        }
        return try await client.send(method, url, headers: headers, body: body, timeout: timeout)
    }

    /// Stops relaying the agent's calls to Agentry.
    func close() {
        if let outboundRelay {
            shutdown(outboundRelay, Int32(SHUT_RDWR))
            _ = Glibc.close(outboundRelay)
        }
    }
}
