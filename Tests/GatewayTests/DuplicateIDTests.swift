import AgentryCore
import Foundation
import Gateway
import Synchronization
import Testing

/// PEER-FAULTS BUG-10: concurrent requests that reuse a JSON-RPC id must never receive each other's results.
@Suite("Duplicate in-flight request ids (BUG-10)")
struct DuplicateIDTests {
    /// Sends a slow call (tag A) and, 100 ms later, a fast call (tag B), both with id 1.
    private func slowThenFast(
        _ harness: GatewayHarness,
        slow: TestUser,
        fast: TestUser,
        slowSession: String?,
        fastSession: String?
    ) async throws -> (slow: MCPReplyText, fast: MCPReplyText, fastFinishedFirst: Bool) {
        let order = OrderLog()
        async let first = harness.call(
            "search_docs",
            ["query": "a", "tag": "A", "sleep_ms": 1500],
            id: 1,
            as: slow,
            session: slowSession
        )
        .noting("A", in: order)
        try await Task.sleep(for: .milliseconds(100))
        async let second = harness.call(
            "search_docs",
            ["query": "b", "tag": "B", "sleep_ms": 0],
            id: 1,
            as: fast,
            session: fastSession
        )
        .noting("B", in: order)
        let (a, b) = try await (first, second)
        return (a, b, order.all.first == "B")
    }

    @Test("two concurrent calls with id 1 on one session each get their own result")
    func sameSession() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let session = try #require(try await harness.initialize().1)

        let (slow, fast, _) = try await slowThenFast(
            harness,
            slow: .userA,
            fast: .userA,
            slowSession: session,
            fastSession: session
        )
        #expect(slow.json["id"] == 1)
        #expect(fast.json["id"] == 1)
        #expect(slow.json["result"]["structuredContent"]["tag"] == "A")
        #expect(fast.json["result"]["structuredContent"]["tag"] == "B")
        #expect(!slow.text.contains(#""B""#))
        #expect(!fast.text.contains(#""A""#))
    }

    @Test("two users sending id 1 at once each get their own result and their own downstream token")
    func twoUsers() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let sessionA = try #require(try await harness.initialize(as: .userA).1)
        let sessionB = try #require(try await harness.initialize(as: .userB).1)

        let (slow, fast, _) = try await slowThenFast(
            harness,
            slow: .userA,
            fast: .userB,
            slowSession: sessionA,
            fastSession: sessionB
        )
        #expect(slow.json["result"]["structuredContent"]["tag"] == "A")
        #expect(fast.json["result"]["structuredContent"]["tag"] == "B")

        // Each downstream request carries the token issued for its own caller.
        let issued = harness.credentials.all
        for call in harness.tools.received {
            let tag = call.json["tag"].stringValue
            let owner = tag == "A" ? "user-A" : "user-B"
            let token = issued.first { $0.user == owner }?.token
            #expect(token != nil && call.headers["authorization"] == "Bearer \(token ?? "")")
        }
        #expect(harness.tools.received.count == 2)
    }

    @Test("two users firing id 1 at the same moment each get their own result")
    func twoUsersAtOnce() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        async let a = harness.call("search_docs", ["query": "a", "tag": "A", "sleep_ms": 300], id: 1, as: .userA)
        async let b = harness.call("search_docs", ["query": "b", "tag": "B", "sleep_ms": 300], id: 1, as: .userB)
        let (replyA, replyB) = try await (a, b)
        #expect(replyA.json["result"]["structuredContent"]["tag"] == "A")
        #expect(replyB.json["result"]["structuredContent"]["tag"] == "B")
    }

    @Test("string id \"1\" and number id 1 are echoed exactly as sent")
    func stringAndNumberIDsStayApart() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let session = try #require(try await harness.initialize().1)

        async let numeric = harness.send(
            #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search_docs","#
                + #""arguments":{"query":"n","tag":"NUM","sleep_ms":500}}}"#,
            session: session
        )
        async let text = harness.send(
            #"{"jsonrpc":"2.0","id":"1","method":"tools/call","params":{"name":"search_docs","#
                + #""arguments":{"query":"s","tag":"STR","sleep_ms":0}}}"#,
            session: session
        )
        let (number, string) = try await (numeric, text)

        #expect(number.text.contains(#""id":1,"#) || number.text.contains(#""id":1}"#))
        #expect(!number.text.contains(#""id":"1""#))
        #expect(string.text.contains(#""id":"1""#))
        #expect(number.json["result"]["structuredContent"]["tag"] == "NUM")
        #expect(string.json["result"]["structuredContent"]["tag"] == "STR")
    }

    @Test(
        "integer ids beyond 2^53 are echoed exactly or refused",

    )
    func largeIntegerIDs() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let reply = try await harness.send(#"{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}"#)
        let refused = reply.json["error"]["code"] == -32600
        #expect(refused || reply.text.contains(#""id":9007199254740993"#), "echoed \(reply.text)")
    }
}

/// Remembers the order in which replies arrived.
final class OrderLog: Sendable {
    private let tags = Mutex<[String]>([])

    /// Tags in arrival order.
    var all: [String] { tags.withLock { $0 } }

    /// Appends a tag.
    func note(_ tag: String) { tags.withLock { $0.append(tag) } }
}

extension MCPReplyText {
    /// Notes `tag` in `log` when this reply arrives, and passes the reply on.
    func noting(_ tag: String, in log: OrderLog) -> MCPReplyText {
        log.note(tag)
        return self
    }
}
