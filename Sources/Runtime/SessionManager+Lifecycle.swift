import AgentryCore
import Foundation

extension SessionManager {
    /// The sandbox bound to `key`, starting (or binding a warm) one when the session is new.
    func sandbox(for key: SessionKey) async throws -> AgentSandbox {
        switch slots[key] {
        case .running(let session):
            return session.sandbox
        case .starting(let task):
            return try await task.value
        case nil:
            break
        }
        guard let program = programs[key.agent] else { throw RuntimeError.unknownAgent }
        try checkCapacity(for: key.tenant, user: key.user)

        let policy = policyFor(key.tenant)
        let poolID = policy.reserved ? key.tenant : WarmPools.shared
        let began = Date()
        let warmSandbox = warm.take(pool: poolID, agent: key.agent)
        let task = Task { [root, launcher, endpoint] in
            if let warmSandbox { return warmSandbox }
            return try await AgentSandbox.start(program, root: root, launcher: launcher, agentryEndpoint: endpoint)
        }
        slots[key] = .starting(task)
        do {
            let sandbox = try await task.value
            slots[key] = .running(RunningSession(sandbox: sandbox, lastUsed: Date(), reportedCPU: 0, inFlight: 0))
            observer?.sessionStarted(
                key,
                pid: sandbox.process.pid,
                coldStart: warmSandbox == nil,
                startSeconds: Date().timeIntervalSince(began)
            )
            logger.info("session started", [LogKey.tenant: key.tenant, LogKey.agent: key.agent])
            refillWarmPools()
            return sandbox
        } catch {
            slots[key] = nil
            logger.warning("session start failed", [LogKey.tenant: key.tenant, LogKey.agent: key.agent])
            throw error
        }
    }

    /// Refuses a new session when the tenant, or the shared pool, is at its limit.
    func checkCapacity(for tenant: String, user: String) throws {
        let policy = policyFor(tenant)
        let tenantCount = slots.keys.filter { $0.tenant == tenant }.count
        guard tenantCount < policy.maxSessions else { throw RuntimeError.sessionLimit }
        let userCount = slots.keys.filter { $0.tenant == tenant && $0.user == user }.count
        guard userCount < policy.maxSessionsPerUser else { throw RuntimeError.sessionLimit }
        if !policy.reserved {
            let sharedCount = slots.keys.filter { !policyFor($0.tenant).reserved }.count
            guard sharedCount < sharedCapacity else { throw RuntimeError.sessionLimit }
        }
    }

    func adjustInFlight(_ key: SessionKey, by delta: Int) {
        guard case .running(var session) = slots[key] else { return }
        session.inFlight += delta
        session.lastUsed = Date()
        slots[key] = .running(session)
    }

    /// Reports CPU used since the last report.
    func reportCPU(_ key: SessionKey) {
        guard case .running(var session) = slots[key], let total = session.sandbox.process.cpuSeconds() else { return }
        let delta = total - session.reportedCPU
        guard delta > 0 else { return }
        session.reportedCPU = total
        slots[key] = .running(session)
        observer?.cpuUsed(key, seconds: delta)
    }

    /// Stops a session's sandbox and reports its remaining CPU time.
    func end(_ key: SessionKey, reason: String) async {
        guard let slot = slots.removeValue(forKey: key) else { return }
        let sandbox: AgentSandbox
        let reported: Double
        switch slot {
        case .running(let session):
            sandbox = session.sandbox
            reported = session.reportedCPU
        case .starting(let task):
            guard let started = try? await task.value else { return }
            sandbox = started
            reported = 0
        }
        let total = await sandbox.stop()
        observer?.sessionEnded(key, reason: reason, cpuSeconds: max(0, total - reported))
        logger.info("session ended", [LogKey.tenant: key.tenant, LogKey.agent: key.agent, "reason": reason])
    }

    /// Starts warm sandboxes until every pool has its target size.
    func refillWarmPools() {
        for (poolID, size) in warmTargets() {
            for program in programs.values {
                let missing =
                    size - warm.count(pool: poolID, agent: program.id) - warm.pending(pool: poolID, agent: program.id)
                guard missing > 0 else { continue }
                for _ in 0..<missing { startWarm(pool: poolID, program: program) }
            }
        }
    }

    private func startWarm(pool: String, program: AgentProgram) {
        warm.addPending(pool: pool, agent: program.id, 1)
        // Unstructured: a warm start outlives the invocation that triggered it; the result is added under the
        // actor, or discarded (and stopped) on failure or shutdown.
        Task { [root, launcher, endpoint] in
            let sandbox = try? await AgentSandbox.start(
                program,
                root: root,
                launcher: launcher,
                agentryEndpoint: endpoint
            )
            await self.warmStarted(sandbox, pool: pool, agent: program.id)
        }
    }

    private func warmStarted(_ sandbox: AgentSandbox?, pool: String, agent: String) async {
        warm.addPending(pool: pool, agent: agent, -1)
        guard let sandbox else { return }
        if reaper == nil {
            await sandbox.stop()
        } else {
            warm.add(sandbox, pool: pool, agent: agent)
        }
    }

    static func validate(sessionID: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:")
        guard (33...256).contains(sessionID.count), sessionID.allSatisfy(allowed.contains) else {
            throw RuntimeError.invalidSessionID
        }
    }
}
