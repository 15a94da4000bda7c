/// A hierarchical memory namespace.
///
/// Paths: `/global`, `/strategies/{strategyID}`, `/tenants/{tenant}`, `/tenants/{tenant}/users/{user}` and
/// `/tenants/{tenant}/users/{user}/sessions/{session}`. Every segment is an ``Identifier``.
public enum Namespace: Sendable, Hashable, CustomStringConvertible {
    /// Shared by every tenant; read-only to tenant callers.
    case global
    /// Shared output of a memory strategy; read-only to tenant callers.
    case strategy(String)
    /// Tenant-wide; read-only to tenant callers.
    case tenant(String)
    /// One user's long-term memory.
    case user(tenant: String, user: String)
    /// One user's memory for one session.
    case session(tenant: String, user: String, session: String)

    /// Parses a path.
    ///
    /// - Throws: ``MemoryError/namespaceForbidden`` for anything that is not exactly one of the shapes above
    ///   (wildcards, empty segments, trailing slashes, unknown roots): a malformed namespace never widens a query.
    public init(parsing path: String) throws(MemoryError) {
        guard path.hasPrefix("/") else { throw .namespaceForbidden }
        let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let ids = parts.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        guard ids.allSatisfy(Identifier.isValid) else { throw .namespaceForbidden }
        switch (parts.count, parts.first, parts.count > 2 ? parts[2] : "", parts.count > 4 ? parts[4] : "") {
        case (1, "global", _, _): self = .global
        case (2, "strategies", _, _): self = .strategy(parts[1])
        case (2, "tenants", _, _): self = .tenant(parts[1])
        case (4, "tenants", "users", _): self = .user(tenant: parts[1], user: parts[3])
        case (6, "tenants", "users", "sessions"): self = .session(tenant: parts[1], user: parts[3], session: parts[5])
        default: throw .namespaceForbidden
        }
    }

    /// The canonical path.
    public var path: String {
        switch self {
        case .global: "/global"
        case .strategy(let id): "/strategies/\(id)"
        case .tenant(let tenant): "/tenants/\(tenant)"
        case .user(let tenant, let user): "/tenants/\(tenant)/users/\(user)"
        case .session(let tenant, let user, let session): "/tenants/\(tenant)/users/\(user)/sessions/\(session)"
        }
    }

    /// The canonical path.
    public var description: String { path }

    /// The user a namespace belongs to, for user and session namespaces.
    public var owner: String? {
        switch self {
        case .user(_, let user), .session(_, let user, _): user
        default: nil
        }
    }

    /// True for `/global` and `/strategies/…`, which live in the platform store rather than a tenant's.
    public var isPlatformWide: Bool {
        switch self {
        case .global, .strategy: true
        default: false
        }
    }
}
