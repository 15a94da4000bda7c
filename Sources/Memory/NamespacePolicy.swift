/// Decides which namespaces a caller may read and write, from its verified ``CallerScope`` alone.
///
/// Reads: `/global`, `/strategies/…` and the caller's own `/tenants/{tenant}` (read-only), its own user namespace,
/// and its own sessions (only the token's session when the scope is bound to one). Writes: only the caller's own
/// user namespace or own sessions. Another user's or tenant's namespace is never reachable; a client-supplied
/// namespace can only narrow what the scope allows.
public struct NamespacePolicy: Sendable {
    /// Creates the policy.
    public init() {}

    /// True when `scope` may read `namespace`.
    public func canRead(_ namespace: Namespace, scope: CallerScope) -> Bool {
        switch namespace {
        case .global, .strategy: true
        case .tenant(let tenant): tenant == scope.tenant
        case .user, .session: canWrite(namespace, scope: scope)
        }
    }

    /// True when `scope` may write `namespace`.
    public func canWrite(_ namespace: Namespace, scope: CallerScope) -> Bool {
        switch namespace {
        case .user(let tenant, let user):
            tenant == scope.tenant && user == scope.user
        case .session(let tenant, let user, let session):
            tenant == scope.tenant && user == scope.user && (scope.session == nil || scope.session == session)
        default:
            false
        }
    }

    /// Parses and authorises a namespace for reading; nil means the caller's own user namespace.
    ///
    /// - Throws: ``MemoryError/namespaceForbidden`` when malformed or outside the scope.
    public func authorizeRead(_ path: String?, scope: CallerScope) throws(MemoryError) -> Namespace {
        let namespace =
            try path.map { (path: String) throws(MemoryError) -> Namespace in try Namespace(parsing: path) }
            ?? .user(tenant: scope.tenant, user: scope.user)
        guard canRead(namespace, scope: scope) else { throw .namespaceForbidden }
        return namespace
    }

    /// Parses and authorises a namespace for writing.
    ///
    /// - Throws: ``MemoryError/namespaceForbidden`` when malformed or outside the scope.
    public func authorizeWrite(_ path: String, scope: CallerScope) throws(MemoryError) -> Namespace {
        let namespace = try Namespace(parsing: path)
        guard canWrite(namespace, scope: scope) else { throw .namespaceForbidden }
        return namespace
    }

    /// Authorises access to a session's short-term events: the session id never grants access by itself, it is
    /// always taken inside the caller's own tenant and user.
    ///
    /// - Throws: ``MemoryError/invalid(_:)`` for a malformed id, ``MemoryError/namespaceForbidden`` when the scope
    ///   is bound to a different session.
    public func authorizeSession(_ sessionID: String, scope: CallerScope) throws(MemoryError) -> Namespace {
        try Identifier.require(sessionID, "sessionId")
        let namespace = Namespace.session(tenant: scope.tenant, user: scope.user, session: sessionID)
        guard canWrite(namespace, scope: scope) else { throw .namespaceForbidden }
        return namespace
    }
}
