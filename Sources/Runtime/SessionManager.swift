import AgentryCore
import Foundation
import HTTP

/// Owns every agent session: starts a sandbox on a session's first invocation, keeps it for later calls of the
/// same (agent, tenant, user, session id), stops it after its idle timeout, and enforces per-tenant limits.
///
/// A session is keyed by the verified tenant and user as well as the caller's session id, so another user
/// presenting the same id gets a fresh session of their own — never the first one's process or files.
/// Sandboxes are never reused: a warm sandbox is bound to one session and stopped with it.
public actor SessionManager {
    enum Slot {
        case starting(Task<AgentSandbox, any Error>)
        case running(RunningSession)
    }

    struct RunningSession {
        let sandbox: AgentSandbox
        var lastUsed: Date
        var reportedCPU: Double
        var inFlight: Int
    }

    let programs: [String: AgentProgram]
    let root: String
    let launcher: SandboxLauncher
    let endpoint: String
    let policyFor: @Sendable (String) -> TenantRuntimePolicy
    let sharedCapacity: Int
    let observer: (any RuntimeObserver)?
    private let warmPoolSizes: [String: Int]
    let logger = Logger(label: "agentry.runtime")
    var slots: [SessionKey: Slot] = [:]
    var warm = WarmPools()
    var reaper: Task<Void, Never>?

    /// Creates a manager.
    ///
    /// - Parameters:
    ///   - programs: the agents it can host.
    ///   - sandboxRoot: directory under which each sandbox gets a private directory.
    ///   - launcher: how sandboxes are isolated.
    ///   - agentryEndpoint: base URL agents use to call back into Agentry.
    ///   - sharedCapacity: sessions all pool tenants may hold together. Default 32.
    ///   - sharedWarmPoolSize: warm sandboxes kept for pool tenants, per agent. Default 0.
    ///   - reservedTenants: tenants with reserved capacity, whose `warmPoolSize` sandboxes are kept for them.
    ///   - policyFor: the runtime placement of a tenant.
    ///   - observer: receives lifecycle events.
    public init(
        programs: [AgentProgram],
        sandboxRoot: String,
        launcher: SandboxLauncher,
        agentryEndpoint: String,
        sharedCapacity: Int = 32,
        sharedWarmPoolSize: Int = 0,
        reservedTenants: [String] = [],
        policyFor: @escaping @Sendable (String) -> TenantRuntimePolicy,
        observer: (any RuntimeObserver)? = nil
    ) {
        var sizes = [WarmPools.shared: sharedWarmPoolSize]
        for tenant in reservedTenants { sizes[tenant] = policyFor(tenant).warmPoolSize }
        self.warmPoolSizes = sizes.filter { $0.value > 0 }
        self.programs = Dictionary(programs.map { ($0.id, $0) }) { first, _ in first }
        self.root = sandboxRoot
        self.launcher = launcher
        self.endpoint = agentryEndpoint
        self.sharedCapacity = sharedCapacity
        self.policyFor = policyFor
        self.observer = observer
    }

    /// Forwards `invocation` to the session's sandbox, starting one if needed.
    /// - Throws: ``RuntimeError`` (`runtime.unknown_agent` 404, `runtime.invalid_session_id` 400,
    ///   `runtime.session_limit` 429, `runtime.start_failed` 502) or an upstream HTTP error.
    public func invoke(_ key: SessionKey, _ invocation: Invocation) async throws -> HTTPResponse {
        try Self.validate(sessionID: key.sessionID)
        let sandbox = try await sandbox(for: key)
        adjustInFlight(key, by: 1)
        do {
            let response = try await sandbox.invoke(invocation, sessionID: key.sessionID)
            adjustInFlight(key, by: -1)
            reportCPU(key)
            return response
        } catch {
            adjustInFlight(key, by: -1)
            if !sandbox.process.isRunning { await end(key, reason: "exited") }
            throw error
        }
    }

    /// Sessions currently open for `tenant` (starting or running).
    public func openSessions(tenant: String) -> [SessionKey] {
        slots.keys.filter { $0.tenant == tenant }
    }

    /// The sandbox directory and pid of a running session (for tests and admin views).
    public func sandboxInfo(_ key: SessionKey) -> (pid: Int32, directory: String)? {
        guard case .running(let session) = slots[key] else { return nil }
        return (session.sandbox.process.pid, session.sandbox.directory)
    }

    /// Starts the idle reaper and fills the warm pools.
    public func start(reapInterval: Duration = .seconds(1)) {
        guard reaper == nil else { return }
        // Unstructured on purpose: the loop lives as long as the manager and is cancelled in `shutdown()`.
        reaper = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: reapInterval)
                await self?.reapIdle(now: Date())
            }
        }
        refillWarmPools()
    }

    /// Stops every sandbox, bound or warm.
    public func shutdown() async {
        reaper?.cancel()
        reaper = nil
        for key in Array(slots.keys) { await end(key, reason: "shutdown") }
        for sandbox in warm.drain() { await sandbox.stop() }
    }

    func warmTargets() -> [String: Int] { warmPoolSizes }

    /// Stops one session now.
    public func stopSession(_ key: SessionKey) async {
        await end(key, reason: "stopped")
    }

    /// Stops sessions idle longer than their agent's timeout.
    public func reapIdle(now: Date) async {
        for (key, slot) in slots {
            guard case .running(let session) = slot, session.inFlight == 0,
                let program = programs[key.agent], now.timeIntervalSince(session.lastUsed) >= program.idleTimeout
            else { continue }
            await end(key, reason: "idle_timeout")
        }
    }
}
