import AgentryCore
import AgentryRelay
import Foundation
import HTTP
import Runtime
import Synchronization
import Testing

/// Records lifecycle events so tests can check them.
final class RecordingObserver: RuntimeObserver {
    let events = Mutex<[String]>([])
    func sessionStarted(_ key: SessionKey, pid: Int32, coldStart: Bool, startSeconds: Double) {
        events.withLock { $0.append("start:\(key.user):\(coldStart)") }
    }
    func sessionEnded(_ key: SessionKey, reason: String, cpuSeconds: Double) {
        events.withLock { $0.append("end:\(key.user):\(reason)") }
    }
    func cpuUsed(_ key: SessionKey, seconds: Double) {}
}

@Suite("SessionManager with a real agent process", .serialized)
struct SessionManagerTests {
    static let agentScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/echo_agent.py").path
    static let sessionA = "ctx-shared-000000000000000000000000001"
    /// The built `agentry-portal`, beside the test binary.
    static let portal = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("agentry-portal").path

    private func makeManager(
        root: String,
        idle: TimeInterval = 300,
        maxSessions: Int = 4,
        perUser: Int? = nil,
        observer: RecordingObserver? = nil,
        mode: SandboxLauncher.Mode = .auto
    ) -> SessionManager {
        let program = AgentProgram(
            id: "echo",
            arguments: ["/usr/bin/env", "python3", Self.agentScript],
            idleTimeout: idle
        )
        return SessionManager(
            programs: [program],
            sandboxRoot: root,
            launcher: SandboxLauncher(mode: mode, portal: Self.portal),
            agentryEndpoint: "http://127.0.0.1:1",
            policyFor: { _ in
                TenantRuntimePolicy(reserved: false, maxSessions: maxSessions, maxSessionsPerUser: perUser)
            },
            observer: observer
        )
    }

    private func temporaryRoot() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("agentry-rt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func call(
        _ manager: SessionManager,
        tenant: String,
        user: String,
        session: String,
        _ body: JSONValue
    )
        async throws -> JSONValue
    {
        let key = SessionKey(agent: "echo", tenant: tenant, user: user, sessionID: session)
        let invocation = Invocation(
            body: body.serialized(),
            contentType: "application/json",
            workloadToken: "t",
            traceparent: nil,
            requestID: "r"
        )
        return try await manager.invoke(key, invocation).jsonBody()
    }

    @Test("keeps one process per session and reuses it for later calls")
    func reusesSession() async throws {
        let root = try temporaryRoot()
        let manager = makeManager(root: root)
        let first = try await call(
            manager,
            tenant: "t1",
            user: "a",
            session: Self.sessionA,
            ["op": "remember", "word": "W"]
        )
        let second = try await call(manager, tenant: "t1", user: "a", session: Self.sessionA, ["op": "recall"])
        await manager.shutdown()
        #expect(first["pid"] == second["pid"])
        #expect(first["cwd"] == second["cwd"])
        #expect(second["word"] == "W")
        #expect(second["session_header"] == .string(Self.sessionA))
        #expect(second["has_token"] == true)
    }

    @Test("gives another user or tenant with the same session id a fresh, empty session (BUG-01)")
    func sessionBoundToOwner() async throws {
        let root = try temporaryRoot()
        let manager = makeManager(root: root)
        let owner = try await call(
            manager,
            tenant: "T1",
            user: "user-A",
            session: Self.sessionA,
            ["op": "remember", "word": "PLACEHOLDER-SECRET-A"]
        )
        let otherUser = try await call(manager, tenant: "T1", user: "user-B", session: Self.sessionA, ["op": "recall"])
        let otherTenant = try await call(
            manager,
            tenant: "T2",
            user: "user-C",
            session: Self.sessionA,
            ["op": "recall"]
        )
        // The owner's secret file, read from inside another session's sandbox.
        let ownerFile = (owner["cwd"].stringValue ?? "") + "/secret.txt"
        let probe = try await call(
            manager,
            tenant: "T1",
            user: "user-B",
            session: Self.sessionA,
            ["op": "probe", "path": .string(ownerFile)]
        )
        let hostPIDs = await [("T1", "user-A"), ("T1", "user-B"), ("T2", "user-C")].asyncMap { tenant, user in
            await manager.sandboxInfo(SessionKey(agent: "echo", tenant: tenant, user: user, sessionID: Self.sessionA))?
                .pid
        }
        await manager.shutdown()

        #expect(Set(hostPIDs.compactMap { $0 }).count == 3, "three sessions, three processes")
        for other in [otherUser, otherTenant] {
            #expect(other["cwd"] != owner["cwd"])
            #expect(other["word"] == .null)
            #expect(other["file_word"] == .null)
        }
        if SandboxLauncher().usesBubblewrap {
            #expect(probe["read"] == .null, "a sandbox must not read another session's files")
        }
    }

    @Test(
        "confines a sandbox: no capabilities, no host secrets, no data directory, no program siblings",
        .enabled(if: SandboxLauncher().usesBubblewrap, "bubblewrap is not installed: confinement not tested")
    )
    func confinement() async throws {
        let root = try temporaryRoot()
        let store = root + "/store.sqlite"
        try Data("TENANT-SECRET".utf8).write(to: URL(fileURLWithPath: store))
        let manager = makeManager(root: root)
        let status = try await call(manager, tenant: "t", user: "u", session: Self.sessionA, ["op": "status"])
        let sibling = URL(fileURLWithPath: Self.agentScript).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SessionManagerTests.swift").path
        var readable: [String] = []
        for path in [store, "/etc/shadow", "/root/.bash_history", sibling, #filePath] {
            let probe = try await call(
                manager,
                tenant: "t",
                user: "u",
                session: Self.sessionA,
                ["op": "probe", "path": .string(path)]
            )
            if probe["read"] != .null { readable.append(path) }
        }
        await manager.shutdown()
        #expect(status["uid"] != 0, "the agent must not run as root")
        #expect(status["cap_eff"] == "0000000000000000", "the agent must hold no capabilities")
        #expect(readable.isEmpty, "readable from inside the sandbox: \(readable)")
    }

    @Test(
        "gives each sandbox a network of its own: host loopback services are out of reach, Agentry is not",
        .enabled(
            if: SandboxLauncher(portal: SessionManagerTests.portal).isolatesNetwork,
            "bubblewrap or agentry-portal is missing: network isolation not tested"
        )
    )
    func networkIsolation() async throws {
        let hostService = try Relay.start(listen: .loopback(0), target: .loopback(1))
        defer { close(hostService) }
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(hostService, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let manager = makeManager(root: try temporaryRoot())
        let reply = try await call(
            manager,
            tenant: "t",
            user: "u",
            session: Self.sessionA,
            ["op": "connect", "port": .number(Double(port))]
        )
        await manager.shutdown()
        #expect(reply["reached"] == false, "a sandbox reached a host loopback service")
    }

    @Test(
        "a sandbox cannot change kernel settings, nor send Agentry to another socket by swapping its own",
        .enabled(
            if: SandboxLauncher(portal: SessionManagerTests.portal).isolatesNetwork,
            "bubblewrap or agentry-portal is missing: not tested"
        )
    )
    func hostEscapes() async throws {
        let root = try temporaryRoot()
        let manager = makeManager(root: root)
        let setting = "/proc/sys/kernel/printk_ratelimit"
        let current = (try? String(contentsOfFile: setting, encoding: .utf8)) ?? "5\n"
        let write = try await call(
            manager,
            tenant: "t",
            user: "u",
            session: Self.sessionA,
            ["op": "write", "path": .string(setting), "data": .string(current)]
        )
        #expect(write["written"] == false, "a sandbox wrote a kernel setting")

        // A host socket the agent would like Agentry to talk to instead of itself.
        let decoy = root + "/decoy.sock"
        let listener = try Socket.listen(.unix(decoy))
        defer { close(listener) }
        _ = try await call(
            manager,
            tenant: "t",
            user: "u",
            session: Self.sessionA,
            ["op": "swap", "target": .string(decoy)]
        )
        await #expect(throws: (any Error).self) {
            _ = try await call(manager, tenant: "t", user: "u", session: Self.sessionA, ["op": "recall"])
        }
        var pending = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        #expect(poll(&pending, 1, 200) == 0, "Agentry followed the swapped socket")
        await manager.shutdown()
    }

    @Test("scrubs the environment down to the documented variables")
    func scrubbedEnvironment() async throws {
        let root = try temporaryRoot()
        let manager = makeManager(root: root)
        let reply = try await call(manager, tenant: "t", user: "u", session: Self.sessionA, ["op": "recall"])
        await manager.shutdown()
        let keys = Set((reply["env_keys"].arrayValue ?? []).compactMap(\.stringValue))
        #expect(keys.isSubset(of: ["PATH", "HOME", "TMPDIR", "LANG", "PORT", "AGENTRY_ENDPOINT", "PWD", "LC_CTYPE"]))
        #expect(keys.contains("AGENTRY_ENDPOINT"))
    }

    @Test("stops an idle session, reaps its process and removes its directory")
    func idleTimeout() async throws {
        let root = try temporaryRoot()
        let observer = RecordingObserver()
        let manager = makeManager(root: root, idle: 0.2, observer: observer)
        let reply = try await call(manager, tenant: "t", user: "u", session: Self.sessionA, ["op": "recall"])
        let key = SessionKey(agent: "echo", tenant: "t", user: "u", sessionID: Self.sessionA)
        let pid = try #require(await manager.sandboxInfo(key)).pid
        try await Task.sleep(for: .milliseconds(300))
        await manager.reapIdle(now: Date())
        #expect(await manager.openSessions(tenant: "t").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: reply["cwd"].stringValue ?? "/"))
        #expect(kill(pid, 0) != 0, "the agent process must be gone")
        #expect(observer.events.withLock { $0 } == ["start:u:true", "end:u:idle_timeout"])
        await manager.shutdown()
    }

    @Test("refuses a session beyond the tenant's limit with 429")
    func sessionLimit() async throws {
        let root = try temporaryRoot()
        let manager = makeManager(root: root, maxSessions: 1)
        _ = try await call(manager, tenant: "t", user: "u", session: Self.sessionA, ["op": "recall"])
        await #expect(throws: RuntimeError.self) {
            _ = try await call(manager, tenant: "t", user: "u", session: Self.sessionA + "2", ["op": "recall"])
        }
        // Another tenant is not affected by t's limit.
        let other = try await call(manager, tenant: "t2", user: "u", session: Self.sessionA, ["op": "recall"])
        #expect(other["pid"] != .null)
        await manager.shutdown()
    }

    @Test("one user cannot take the whole tenant's session budget")
    func perUserLimit() async throws {
        let manager = makeManager(root: try temporaryRoot(), maxSessions: 4, perUser: 1)
        _ = try await call(manager, tenant: "t", user: "alice", session: Self.sessionA, ["op": "recall"])
        await #expect(throws: RuntimeError.self) {
            _ = try await call(manager, tenant: "t", user: "alice", session: Self.sessionA + "2", ["op": "recall"])
        }
        let bob = try await call(manager, tenant: "t", user: "bob", session: Self.sessionA, ["op": "recall"])
        #expect(bob["cwd"] != .null)
        await manager.shutdown()
    }

    @Test("rejects malformed session ids", arguments: ["short", String(repeating: "a", count: 40) + "/../x"])
    func malformedSessionID(id: String) async throws {
        let manager = makeManager(root: try temporaryRoot())
        await #expect(throws: RuntimeError.self) {
            _ = try await call(manager, tenant: "t", user: "u", session: id, ["op": "recall"])
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var results: [T] = []
        for element in self { results.append(await transform(element)) }
        return results
    }
}
