import Authorization
import PolicyStore
import Storage
import Testing

@Suite("layered decisions")
struct DecisionTests {
    @Test("a platform forbid beats a tenant permit")
    func platformForbidWins() throws {
        let store = try Fixtures.memoryStore()
        try Fixtures.publish(store, Fixtures.platformPolicies, by: try Fixtures.platformAdmin)
        try Fixtures.publish(store, Fixtures.tenantPermits, by: try Fixtures.acmeAdmin)
        let decision = Fixtures.decide(store, "Purge")
        #expect(decision.allowed == false)
        #expect(decision.reasons == ["platform/no-purge"])
    }

    @Test("a tenant forbid beats a platform permit")
    func tenantForbidWins() throws {
        let store = try Fixtures.memoryStore()
        try Fixtures.publish(store, Fixtures.platformPolicies, by: try Fixtures.platformAdmin)
        try Fixtures.publish(
            store,
            "@id(\"quiet\")\nforbid (principal, action == Action::\"Ping\", resource);",
            by: try Fixtures.acmeAdmin
        )
        #expect(Fixtures.decide(store, "Ping").allowed == false)
        #expect(Fixtures.decide(store, "Ping").reasons == ["tenant/quiet"])
        #expect(Fixtures.decide(store, "Ping", tenant: "globex").allowed)
    }

    @Test("with no policy or no matching permit the answer is deny")
    func defaultDeny() throws {
        let store = try Fixtures.memoryStore()
        let empty = Fixtures.decide(store, "Retrieve")
        #expect(empty.allowed == false && empty.reasons.isEmpty && empty.failure == nil)
        try Fixtures.publish(store, Fixtures.tenantPermits, by: try Fixtures.acmeAdmin)
        #expect(Fixtures.decide(store, "Write").allowed == false)
        #expect(Fixtures.decide(store, "Write").reasons.isEmpty)
    }

    @Test("an erroring policy is skipped and reported with its layer")
    func erroringPolicy() throws {
        let store = try Fixtures.memoryStore()
        try Fixtures.publish(
            store,
            """
            @id("broken")
            forbid (principal, action, resource) when { principal.missing == 1 };
            @id("readers")
            permit (principal, action == Action::"Retrieve", resource);
            """,
            by: try Fixtures.acmeAdmin
        )
        let decision = Fixtures.decide(store, "Retrieve")
        #expect(decision.allowed)
        #expect(decision.erroring == ["tenant/broken"])
    }

    @Test("a publish takes effect on the next decision")
    func cacheInvalidation() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        #expect(Fixtures.decide(store, "Retrieve").allowed)
        try Fixtures.publish(store, "@id(\"stop\")\nforbid (principal, action, resource);", by: acme)
        #expect(Fixtures.decide(store, "Retrieve").allowed == false)
        _ = try store.administration.rollback(RollbackRequest(toVersion: 1, expectedVersion: 2), by: acme)
        #expect(Fixtures.decide(store, "Retrieve").allowed)
    }

    @Test("warm decisions read nothing from the database")
    func warmDecisionsStayInMemory() throws {
        let store = try Fixtures.memoryStore()
        try Fixtures.publish(store, Fixtures.platformPolicies, by: try Fixtures.platformAdmin)
        try Fixtures.publish(store, Fixtures.tenantPermits, by: try Fixtures.acmeAdmin)
        _ = Fixtures.decide(store, "Retrieve")
        let warm = store.cacheLoads
        for _ in 0..<200 { #expect(Fixtures.decide(store, "Retrieve").allowed) }
        #expect(store.cacheLoads == warm)
        #expect(warm.heads == 2 && warm.versions == 2)

        // Another tenant's publish reloads only heads; versions already parsed stay parsed.
        try Fixtures.publish(store, Fixtures.tenantPermits, by: try Fixtures.globexAdmin)
        _ = Fixtures.decide(store, "Retrieve")
        #expect(store.cacheLoads.versions == warm.versions)
    }

    @Test("a change made by another process is seen after invalidateCache")
    func sharedFile() throws {
        let path = try Fixtures.temporaryDatabasePath()
        let first = try PolicyStore(path: path)
        let second = try PolicyStore(path: path)
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(first, Fixtures.tenantPermits, by: acme)
        #expect(Fixtures.decide(second, "Retrieve").allowed)
        try Fixtures.publish(first, "@id(\"stop\")\nforbid (principal, action, resource);", by: acme)
        #expect(Fixtures.decide(second, "Retrieve").allowed)
        second.invalidateCache()
        #expect(Fixtures.decide(second, "Retrieve").allowed == false)
    }

    @Test("decisions are the same from many threads at once")
    func concurrentDecisions() async throws {
        let store = try Fixtures.memoryStore()
        try Fixtures.publish(store, Fixtures.platformPolicies, by: try Fixtures.platformAdmin)
        try Fixtures.publish(store, Fixtures.tenantPermits, by: try Fixtures.acmeAdmin)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask { Fixtures.decide(store, index.isMultiple(of: 2) ? "Retrieve" : "Purge").allowed }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 32)
    }
}
