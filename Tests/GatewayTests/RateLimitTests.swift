import AgentryCore
import Foundation
import Gateway
import Testing

@Suite("Per-user tool call rate limit")
struct RateLimitTests {
    @Test("the call over the per-minute limit gets 429 and -32029 while another user is unaffected")
    func thirdCallIsLimited() async throws {
        let harness = try GatewayHarness(callsPerMinute: 2)
        defer { harness.stop() }

        for index in 1...2 {
            let id = JSONValue.number(Double(index))
            let reply = try await harness.call("search_docs", ["query": .string("q\(index)")], id: id)
            #expect(reply.status == 200)
            #expect(reply.json["result"]["isError"] == false)
        }
        let third = try await harness.call("search_docs", ["query": "q3"], id: 3)
        #expect(third.status == 429)
        #expect(third.json["id"] == 3)
        #expect(third.json["error"]["code"] == -32029)
        #expect(third.json["error"]["data"]["code"] == "gateway.rate_limited")
        #expect(harness.tools.received.count == 2)

        let other = try await harness.call("search_docs", ["query": "b"], as: .userB)
        #expect(other.status == 200)
        #expect(other.json["result"]["isError"] == false)
        #expect(harness.tools.received.count == 3)
        #expect(harness.audit.all.filter { $0.outcome == "rate_limited" }.map(\.user) == ["user-A"])
    }

    @Test("the same user name in another tenant has its own budget")
    func budgetPerTenant() async throws {
        let harness = try GatewayHarness(callsPerMinute: 1)
        defer { harness.stop() }

        #expect(try await harness.call("search_docs", ["query": "a"]).status == 200)
        #expect(try await harness.call("search_docs", ["query": "a"]).status == 429)
        #expect(try await harness.call("search_docs", ["query": "a"], as: .userAOtherTenant).status == 200)
    }
}
