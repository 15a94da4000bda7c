/// Started, unbound sandboxes waiting for a session, by pool (a silo tenant's id, or ``shared``) and agent.
struct WarmPools {
    /// Pool id of the shared pool.
    static let shared = "_shared"

    private var ready: [String: [AgentSandbox]] = [:]
    private var starting: [String: Int] = [:]

    private static func key(_ pool: String, _ agent: String) -> String { pool + "\u{0}" + agent }

    /// Takes one ready sandbox, if any.
    mutating func take(pool: String, agent: String) -> AgentSandbox? {
        let key = Self.key(pool, agent)
        guard var list = ready[key], !list.isEmpty else { return nil }
        let sandbox = list.removeFirst()
        ready[key] = list
        return sandbox
    }

    mutating func add(_ sandbox: AgentSandbox, pool: String, agent: String) {
        ready[Self.key(pool, agent), default: []].append(sandbox)
    }

    func count(pool: String, agent: String) -> Int { ready[Self.key(pool, agent)]?.count ?? 0 }

    func pending(pool: String, agent: String) -> Int { starting[Self.key(pool, agent)] ?? 0 }

    mutating func addPending(pool: String, agent: String, _ delta: Int) {
        starting[Self.key(pool, agent), default: 0] += delta
    }

    /// Removes and returns every ready sandbox.
    mutating func drain() -> [AgentSandbox] {
        defer { ready = [:] }
        return ready.values.flatMap { $0 }
    }
}
