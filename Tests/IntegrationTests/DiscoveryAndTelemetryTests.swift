import AgentryCore
import Foundation
import HTTP
import Identity
import Testing

@testable import AgentryServer

@Suite("Discovery, JWKS and telemetry tags")
struct DiscoveryAndTelemetryTests {
    @Test("JWKS publishes the shared ring and each silo tenant's ring; discovery names the issuer")
    func jwksAndDiscovery() async throws {
        let server = try await TestDeployment.shared.start()
        let anonymous = Caller(endpoint: server.endpoint, token: nil)
        let jwks = try JWKS.parse(try await anonymous.send("GET", "/.well-known/jwks.json").body)
        let identity = server.platform.identity
        let expected = Set([identity.platformRing.activeKey.kid, identity.ring(for: "bigbank").activeKey.kid])
        #expect(expected.isSubset(of: Set(jwks.keys.compactMap(\.kid))))
        #expect(identity.ring(for: "bigbank").activeKey.kid != identity.platformRing.activeKey.kid)
        let discovery = try await anonymous.send("GET", "/.well-known/openid-configuration").jsonBody()
        #expect(discovery["issuer"] == .string(identity.issuerURL))
    }

    @Test("a retrieval joins the caller's trace and its spans carry the tenant")
    func retrievalSpans() async throws {
        let server = try await TestDeployment.shared.start()
        let token = try server.platform.identity.issueUserToken(
            tenant: "smallfirm",
            user: "alice",
            scopes: ["docs:read"],
            ttl: 300
        )
        let traceID = Identifiers.hex(bytes: 16)
        let reply = try await Caller(endpoint: server.endpoint, token: token).json(
            "POST",
            "/knowledge/smallfirm-contracts/retrieve",
            ["query": "governing law"],
            headers: ["traceparent": "00-\(traceID)-\(Identifiers.hex(bytes: 8))-01"]
        )
        #expect(reply.status == 200)
        let spans = server.platform.tracer.recentSpans(traceID: traceID)
        #expect(Set(spans.map(\.name)).isSuperset(of: ["rag.query", "embedding.create"]))
        for span in spans {
            #expect(span.attributes["tenant.id"] == .string("smallfirm"))
        }
    }
}
