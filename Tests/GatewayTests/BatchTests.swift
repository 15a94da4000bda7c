import AgentryCore
import Foundation
import Gateway
import Testing

/// PEER-FAULTS BUG-12: batches holding notifications, empty batches and per-element authorisation.
///
/// Batches run on a session negotiated at 2025-03-26, the last revision that allows JSON-RPC batching.
@Suite("JSON-RPC batches (BUG-12)")
struct BatchTests {
    static let pingAndNotification =
        #"[{"jsonrpc":"2.0","id":2,"method":"ping"},"#
        + #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":99}}]"#

    private func openBatchSession(_ harness: GatewayHarness) async throws -> String {
        let (reply, session) = try await harness.initialize(version: "2025-03-26")
        #expect(reply.json["result"]["protocolVersion"] == "2025-03-26")
        return try #require(session)
    }

    @Test("a call plus a notification is answered with an array holding exactly the call's response")
    func callAndNotification() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let session = try await openBatchSession(harness)

        let reply = try await harness.send(Self.pingAndNotification, session: session)
        #expect(reply.status == 200)
        let replies = try #require(reply.json.arrayValue)
        #expect(replies.count == 1)
        #expect(replies.first?["id"] == 2)
        #expect(replies.first?["result"] == [:])
    }

    @Test("a batch of two notifications is accepted with 202 and no body")
    func twoNotifications() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let session = try await openBatchSession(harness)

        let reply = try await harness.send(
            #"[{"jsonrpc":"2.0","method":"notifications/initialized"},"#
                + #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}]"#,
            session: session
        )
        #expect(reply.status == 202)
        #expect(reply.text.isEmpty)

        // The session stays usable afterwards.
        let ping = try await harness.send(#"{"jsonrpc":"2.0","id":3,"method":"ping"}"#, session: session)
        #expect(ping.json["id"] == 3)
    }

    @Test("an empty batch is answered with a single -32600 error")
    func emptyBatch() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let session = try await openBatchSession(harness)

        let reply = try await harness.send("[]", session: session)
        #expect(reply.json.arrayValue == nil)
        #expect(reply.json["error"]["code"] == -32600)
        #expect(reply.json["id"] == .null)
    }

    @Test("a batch holding a non-object is answered with an array holding one -32600")
    func batchOfNumber() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let session = try await openBatchSession(harness)

        let reply = try await harness.send("[1]", session: session)
        let replies = try #require(reply.json.arrayValue)
        #expect(replies.count == 1)
        #expect(replies.first?["error"]["code"] == -32600)
        #expect(replies.first?["id"] == .null)
    }

    @Test("two call-plus-notification batches in a row and a ping are all answered")
    func repeatedBatches() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let session = try await openBatchSession(harness)

        for _ in 0..<2 {
            let reply = try await harness.send(Self.pingAndNotification, session: session)
            #expect(reply.json.arrayValue?.map { $0["id"] } == [2])
        }
        let ping = try await harness.send(#"{"jsonrpc":"2.0","id":9,"method":"ping"}"#, session: session)
        #expect(ping.status == 200)
        #expect(ping.json["id"] == 9)
        #expect(ping.json["result"] == [:])
    }

    @Test("each batch element is authorised on its own and the forbidden call gets its own error")
    func perElementAuthorisation() async throws {
        let harness = try GatewayHarness(policy: ToolAuthorizationTests.policy)
        defer { harness.stop() }
        let session = try await openBatchSession(harness)

        let reply = try await harness.send(
            #"[{"jsonrpc":"2.0","id":"list","method":"tools/list"},"#
                + #"{"jsonrpc":"2.0","id":"bad","method":"tools/call","#
                + #""params":{"name":"delete_records","arguments":{"id":"rec-1"}}},"#
                + #"{"jsonrpc":"2.0","id":"good","method":"tools/call","#
                + #""params":{"name":"search_docs","arguments":{"query":"refunds","tag":"G"}}}]"#,
            session: session
        )
        let replies = try #require(reply.json.arrayValue)
        #expect(replies.count == 3)
        let byID = Dictionary(replies.map { ($0["id"].stringValue ?? "", $0) }) { first, _ in first }

        let listed = byID["list"]?["result"]["tools"].arrayValue?.compactMap { $0["name"].stringValue }
        #expect(listed == ["search_docs"])
        #expect(byID["bad"]?["error"]["data"]["code"] == "policy.denied")
        #expect(byID["bad"]?["result"] == .null)
        #expect(byID["good"]?["result"]["structuredContent"]["tag"] == "G")
        #expect(harness.tools.received.map(\.path) == ["/tools/echo"])
        #expect(harness.audit.all.map(\.outcome).sorted() == ["allowed", "denied"])
    }
}
