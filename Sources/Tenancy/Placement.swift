/// Where a layer of a tenant's stack lives.
public enum Placement: String, Codable, Sendable, CaseIterable {
    /// Dedicated to one tenant: its own store file, key ring or reserved runtime capacity.
    case silo
    /// Shared by many tenants and logically separated by the tenant of the verified token.
    case pool
}

/// One tier: the placement of each layer, its quotas and its model route. Bridge tiers mix placements.
public struct Tier: Codable, Sendable, Equatable {
    /// Runtime capacity: `silo` reserves a warm pool and session budget for each tenant.
    public var runtime: Placement
    /// Memory store: `silo` gives each tenant its own SQLite file.
    public var memory: Placement
    /// Knowledge store: `silo` gives each tenant its own SQLite file.
    public var knowledge: Placement
    /// Signing keys: `silo` gives each tenant its own key ring.
    public var keys: Placement
    /// Name of the model route (a key of `models.routes`).
    public var modelRoute: String
    /// Concurrent sessions one tenant may hold. Default 8.
    public var maxConcurrentSessions: Int
    /// Concurrent sessions one user may hold. Default 4 (never more than `maxConcurrentSessions`).
    public var maxSessionsPerUser: Int
    /// Processes kept started and unbound, ready for new sessions (per silo tenant, or for the shared pool).
    /// Default 0.
    public var warmPoolSize: Int

    private enum CodingKeys: String, CodingKey {
        case runtime, memory, knowledge, keys, modelRoute, maxConcurrentSessions, maxSessionsPerUser, warmPoolSize
    }

    /// Creates a tier.
    public init(
        runtime: Placement,
        memory: Placement,
        knowledge: Placement,
        keys: Placement,
        modelRoute: String,
        maxConcurrentSessions: Int = 8,
        warmPoolSize: Int = 0,
        maxSessionsPerUser: Int = 4
    ) {
        self.maxSessionsPerUser = maxSessionsPerUser
        self.runtime = runtime
        self.memory = memory
        self.knowledge = knowledge
        self.keys = keys
        self.modelRoute = modelRoute
        self.maxConcurrentSessions = maxConcurrentSessions
        self.warmPoolSize = warmPoolSize
    }

    /// Decodes a tier; `maxConcurrentSessions` and `warmPoolSize` take their defaults when absent.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        runtime = try container.decode(Placement.self, forKey: .runtime)
        memory = try container.decode(Placement.self, forKey: .memory)
        knowledge = try container.decode(Placement.self, forKey: .knowledge)
        keys = try container.decode(Placement.self, forKey: .keys)
        modelRoute = try container.decode(String.self, forKey: .modelRoute)
        maxConcurrentSessions = try container.decodeIfPresent(Int.self, forKey: .maxConcurrentSessions) ?? 8
        warmPoolSize = try container.decodeIfPresent(Int.self, forKey: .warmPoolSize) ?? 0
        maxSessionsPerUser = try container.decodeIfPresent(Int.self, forKey: .maxSessionsPerUser) ?? 4
    }
}
