import Foundation
import Identity
import Testing

@Suite("WorkloadTokenFactory")
struct WorkloadTokenFactoryTests {
    @Test("mints sub=user, act=agent, tenant, session, narrowed scope and a 5-minute default lifetime")
    func mint() throws {
        let fixture = try Fixture(audiences: ["api", "agentry"])
        let user = try fixture.verifier.verify(
            try fixture.issuer.issue(
                Claims(sub: "user-A", aud: ["api"], tenantID: "T1", scopes: ["memory:read", "tools:call", "admin"]),
                ttl: 3600
            )
        )
        let factory = WorkloadTokenFactory(issuer: fixture.issuer, audience: "agentry", clock: TestSupport.clock())
        let token = try factory.mint(
            for: user,
            agentID: "doc-1",
            sessionID: "sess-9",
            scopes: ["memory:read", "tools:call", "billing"]
        )
        let workload = try fixture.verifier.verify(token, audiences: ["agentry"])
        #expect(workload.claims.sub == "user-A" && workload.tenantID == "T1" && workload.claims.sessionID == "sess-9")
        #expect(workload.claims.act == ActorClaim(sub: "agent:doc-1"))
        #expect(workload.scopes == ["memory:read", "tools:call"])
        #expect(workload.expiresAt == TestSupport.now.addingTimeInterval(300))
    }

    @Test("never outlives the user token, and refuses a user without a tenant")
    func limits() throws {
        let fixture = try Fixture()
        let factory = WorkloadTokenFactory(issuer: fixture.issuer, audience: "api", clock: TestSupport.clock())
        let shortUser = try fixture.verifier.verify(
            try fixture.issuer.issue(Claims(sub: "u", aud: ["api"], tenantID: "T1"), ttl: 90)
        )
        let token = try factory.mint(for: shortUser, agentID: "a", sessionID: "s", scopes: [])
        #expect(try fixture.verifier.verify(token).expiresAt == TestSupport.now.addingTimeInterval(90))
        let noTenant = try fixture.verifier.verify(try fixture.issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 90))
        #expect(throws: IdentityError.self) {
            try factory.mint(for: noTenant, agentID: "a", sessionID: "s", scopes: [])
        }
    }
}
