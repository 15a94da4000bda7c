/// Where a tenant's signing keys live: in the platform's shared ring, or in a ring of its own.
public enum KeyPlacement: String, Sendable, Hashable, Codable {
    /// The shared `platform` ring (pool tier).
    case pool
    /// A ring for the tenant alone, `tenant-<id>` (silo tier).
    case silo
}
