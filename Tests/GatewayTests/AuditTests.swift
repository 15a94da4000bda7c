import AgentryCore
import Foundation
import Gateway
import Testing

@Suite("Audit of tool call attempts")
struct AuditTests {
    @Test("an allowed call is audited once with the caller's tenant and user")
    func allowedCallAudited() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        _ = try await harness.call("search_docs", ["query": "q"], as: .userB)
        let expected = AuditRecord(tenant: "T1", user: "user-B", tool: "search_docs", outcome: "allowed")
        #expect(harness.audit.all == [expected])
    }

    @Test(
        "every refused tools/call attempt writes an audit record",

    )
    func everyRefusalAudited() async throws {
        let harness = try GatewayHarness(inspect: { arguments in
            if arguments["query"] == "blocked" { throw CodedError("guardrail.blocked", "blocked", status: 422) }
        })
        defer { harness.stop() }

        let attempts: [(String, JSONValue)] = [
            ("no_such_tool", ["query": "q"]),
            ("search_docs", ["query": "blocked"]),
            ("search_docs", ["query": 42]),
            ("search_docs", "not an object"),
        ]
        for (tool, arguments) in attempts {
            let reply = try await harness.call(tool, arguments)
            #expect(reply.json["error"]["code"].intValue != nil)
        }
        #expect(harness.audit.all.count == attempts.count, "audited: \(harness.audit.all.map(\.outcome))")
        #expect(harness.audit.all.allSatisfy { $0.outcome != "allowed" })
    }
}
