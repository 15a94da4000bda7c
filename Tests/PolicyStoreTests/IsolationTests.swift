import PolicyStore
import Testing

@Suite("tenant isolation")
struct IsolationTests {
    @Test("a tenant sees only its own versions, text and audit")
    func tenantsAreIsolated() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        let globex = try Fixtures.globexAdmin
        try Fixtures.publish(store, Fixtures.platformPolicies, by: try Fixtures.platformAdmin)
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        try Fixtures.publish(store, "@id(\"globex-secret\")\npermit (principal, action, resource);", by: globex)
        try Fixtures.publish(store, "@id(\"globex-2\")\npermit (principal, action, resource);", by: globex)

        // Globex has two versions; acme sees its one, with its own ids only.
        let acmeVersions = try store.administration.versions(for: acme)
        #expect(acmeVersions.map(\.version) == [1])
        #expect(acmeVersions.flatMap(\.policyIDs) == ["readers", "purgers"])
        #expect(Fixtures.error { _ = try store.administration.version(2, for: acme) }?.code == "policy.not_found")
        #expect(try store.administration.version(1, for: acme).policies == Fixtures.tenantPermits)
        #expect(try store.administration.version(1, for: globex).policies.contains("globex-secret"))

        // Audit rows are per scope.
        let acmeAudit = try store.administration.audit(LogQuery(), for: acme)
        #expect(acmeAudit.count == 1)
        #expect(acmeAudit.allSatisfy { $0.actor == "acme/alice" })
        #expect(try store.administration.audit(LogQuery(), for: globex).count == 2)
    }

    @Test("a tenant's write never touches another tenant or the platform")
    func writesStayInScope() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        let platform = try Fixtures.platformAdmin
        try Fixtures.publish(store, Fixtures.platformPolicies, by: platform)
        try Fixtures.publish(store, "@id(\"all\")\npermit (principal, action, resource);", by: acme)

        // Acme's permit-all cannot lift the platform forbid, and does nothing for globex.
        #expect(Fixtures.decide(store, "Anything").allowed)
        #expect(Fixtures.decide(store, "Purge").allowed == false)
        #expect(Fixtures.decide(store, "Anything", tenant: "globex").allowed == false)
        #expect(try store.administration.status(for: platform).latestVersion == 1)
        #expect(try store.administration.status(for: try Fixtures.globexAdmin).latestVersion == 0)
    }

    @Test("tenants learn that platform policies exist but not their ids or text")
    func platformIsHiddenFromTenants() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        #expect(try store.administration.status(for: acme).platformPoliciesPresent == false)
        try Fixtures.publish(store, Fixtures.platformPolicies, by: try Fixtures.platformAdmin)
        let status = try store.administration.status(for: acme)
        #expect(status.platformPoliciesPresent == true)
        #expect(status.latestVersion == 0)
        #expect(try store.administration.current(for: acme) == nil)
        #expect(try store.administration.versions(for: acme).isEmpty)
        #expect(try store.administration.audit(LogQuery(), for: acme).isEmpty)
        #expect(
            try store.administration.current(for: try Fixtures.platformAdmin)?.policies == Fixtures.platformPolicies
        )
    }

    @Test("decisions qualify ids by layer, and the tenant view hides platform ids")
    func qualifiedIDs() throws {
        let store = try Fixtures.memoryStore()
        try Fixtures.publish(store, Fixtures.platformPolicies, by: try Fixtures.platformAdmin)
        try Fixtures.publish(store, Fixtures.tenantPermits, by: try Fixtures.acmeAdmin)
        #expect(Fixtures.decide(store, "Retrieve").reasons == ["tenant/readers"])
        let purge = Fixtures.decide(store, "Purge")
        #expect(purge.reasons == ["platform/no-purge"])
        #expect(purge.tenantVisibleReasons == ["platform"])
        #expect(Fixtures.decide(store, "Ping").reasons == ["platform/ping"])
    }

    @Test("responses serialise to JSON without another scope's data")
    func responsesAsJSON() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(store, Fixtures.platformPolicies, by: try Fixtures.platformAdmin)
        let response = try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        let json = response.json
        #expect(json["version"]["version"] == 1)
        #expect(json["version"]["policyIds"] == ["readers", "purgers"])
        #expect(json["status"]["scope"] == "tenant")
        #expect(json["status"]["platformPoliciesPresent"] == true)
        #expect(json["status"]["candidateVersion"] == .null)
        #expect(try store.administration.version(1, for: acme).json["policies"].stringValue == Fixtures.tenantPermits)
        let text = json.serializedString()
        #expect(!text.contains("no-purge"))
        let platformLog = Fixtures.error {
            _ = try store.administration.decisions(LogQuery(), for: try Fixtures.platformAdmin)
        }
        #expect(platformLog?.code == "policy.unsupported")
    }

    @Test("callers need a tenant and an actor")
    func callerValidation() {
        #expect(Fixtures.error { _ = try PolicyCaller.tenantAdmin(tenant: "", actor: "a") }?.code == "policy.forbidden")
        #expect(Fixtures.error { _ = try PolicyCaller.tenantAdmin(tenant: "a\n", actor: "a") }?.status == 403)
        #expect(Fixtures.error { _ = try PolicyCaller.platformAdmin(actor: "") }?.code == "policy.forbidden")
    }
}
