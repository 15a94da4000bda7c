import Memory
import Testing

@Suite("Namespaces and the namespace policy")
struct NamespacePolicyTests {
    let policy = NamespacePolicy()

    func scope(_ tenant: String = "T1", _ user: String = "user-A", session: String? = nil) throws -> CallerScope {
        try CallerScope(tenant: tenant, user: user, session: session)
    }

    @Test(
        "parses every namespace shape and round-trips its path",
        arguments: [
            "/global", "/strategies/summary", "/tenants/T1", "/tenants/T1/users/user-A",
            "/tenants/T1/users/user-A/sessions/S1",
        ]
    )
    func parses(path: String) throws {
        #expect(try Namespace(parsing: path).path == path)
    }

    @Test(
        "malformed or wildcard namespaces are forbidden",
        arguments: [
            "", "global", "/", "/tenants", "/tenants/", "/tenants/*", "/tenants/T1/users/*",
            "/tenants/T1/users/", "/tenants/T1/users/user-A/", "/tenants/T1/groups/x", "/tenants/../T2", "/Global",
        ]
    )
    func rejectsMalformed(path: String) {
        #expect(throws: MemoryError.namespaceForbidden) { try Namespace(parsing: path) }
    }

    @Test("reads: own user and sessions, own tenant and global; never another user or tenant")
    func reads() throws {
        let caller = try scope()
        let allowed = [
            "/global", "/strategies/s", "/tenants/T1", "/tenants/T1/users/user-A",
            "/tenants/T1/users/user-A/sessions/S",
        ]
        let denied = [
            "/tenants/T2", "/tenants/T1/users/user-B", "/tenants/T1/users/user-B/sessions/S",
            "/tenants/T2/users/user-A",
        ]
        for path in allowed { #expect(policy.canRead(try Namespace(parsing: path), scope: caller), "\(path)") }
        for path in denied { #expect(!policy.canRead(try Namespace(parsing: path), scope: caller), "\(path)") }
    }

    @Test("writes: only own user and own sessions")
    func writes() throws {
        let caller = try scope()
        #expect(
            try policy.authorizeWrite("/tenants/T1/users/user-A", scope: caller) == .user(tenant: "T1", user: "user-A")
        )
        for path in ["/global", "/strategies/s", "/tenants/T1", "/tenants/T1/users/user-B", "/tenants/T2/users/user-A"]
        {
            #expect(throws: MemoryError.namespaceForbidden) { try policy.authorizeWrite(path, scope: caller) }
        }
    }

    @Test("a session-bound scope reaches only its own session")
    func sessionBound() throws {
        let caller = try scope(session: "S1")
        #expect(throws: Never.self) { try policy.authorizeSession("S1", scope: caller) }
        #expect(throws: MemoryError.namespaceForbidden) { try policy.authorizeSession("S2", scope: caller) }
        #expect(throws: MemoryError.namespaceForbidden) {
            try policy.authorizeRead("/tenants/T1/users/user-A/sessions/S2", scope: caller)
        }
    }

    @Test("a scope without a tenant is rejected, not defaulted")
    func emptyTenant() {
        #expect(throws: MemoryError.tenantRequired) { try CallerScope(tenant: "", user: "user-A") }
        #expect(throws: MemoryError.invalid("user")) { try CallerScope(tenant: "T1", user: "*") }
    }
}
