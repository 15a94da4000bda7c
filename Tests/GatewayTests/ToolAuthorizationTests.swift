import AgentryCore
import Foundation
import Gateway
import Testing

/// PEER-FAULTS BUG-16: the allow-list must hold on every call, not only on listing.
@Suite("Tool authorisation on list and on call (BUG-16)")
struct ToolAuthorizationTests {
    /// user-A may use `search_docs` only; every other caller may use everything.
    static let policy: GatewayHarness.Policy = { caller, tool in
        caller.user != "user-A" || tool.name == "search_docs"
    }

    /// Names that resemble `delete_records` but are not it.
    static let lookAlikes: [String] = [
        "Delete_Records",
        "delete_records ",
        "upstream__delete_records",
        "delete_r\u{0435}cords",  // Cyrillic small ie in place of the Latin e.
        "\u{0434}elete_records",  // Cyrillic small de at the start.
        " delete_records",
        "delete\u{200B}_records",  // zero-width space.
    ]

    @Test("tools/list shows only the tools the policy allows")
    func listIsFiltered() async throws {
        let harness = try GatewayHarness(policy: Self.policy)
        defer { harness.stop() }

        let reply = try await harness.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
        let names = try #require(reply.json["result"]["tools"].arrayValue).compactMap { $0["name"].stringValue }
        #expect(names == ["search_docs"])

        let other = try await harness.send(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#, as: .userB)
        let otherNames = other.json["result"]["tools"].arrayValue?.compactMap { $0["name"].stringValue } ?? []
        #expect(Set(otherNames).isSuperset(of: ["search_docs", "delete_records"]))
    }

    @Test("calling an unlisted tool directly is denied with 403, audited, and never reaches the service")
    func callIsDenied() async throws {
        let harness = try GatewayHarness(policy: Self.policy)
        defer { harness.stop() }

        let reply = try await harness.call("delete_records", ["id": "rec-1"], id: 7)
        #expect(reply.status == 403)
        #expect(reply.json["id"] == 7)
        #expect(reply.json["error"]["code"].intValue != nil)
        #expect(reply.json["error"]["data"]["code"] == "policy.denied")
        #expect(reply.json["result"] == .null)
        #expect(harness.tools.received.isEmpty)
        #expect(harness.credentials.all.isEmpty)
        let expected = AuditRecord(tenant: "T1", user: "user-A", tool: "delete_records", outcome: "denied")
        #expect(harness.audit.all == [expected])
    }

    @Test("the allowed tool still works after a denied call")
    func allowedToolStillWorks() async throws {
        let harness = try GatewayHarness(policy: Self.policy)
        defer { harness.stop() }

        _ = try await harness.call("delete_records", ["id": "rec-1"])
        let reply = try await harness.call("search_docs", ["query": "refunds"])
        #expect(reply.status == 200)
        #expect(reply.json["result"]["isError"] == false)
        #expect(harness.tools.received.map(\.path) == ["/tools/echo"])
    }

    @Test("a look-alike tool name is an error, audited, and never reaches the service", arguments: lookAlikes)
    func lookAlikeIsRefused(name: String) async throws {
        let harness = try GatewayHarness(policy: Self.policy)
        defer { harness.stop() }

        let reply = try await harness.call(name, ["id": "rec-1"], id: 11)
        #expect(reply.json["id"] == 11)
        #expect(reply.json["error"]["code"].intValue != nil)
        #expect(reply.json["result"] == .null)
        #expect(harness.tools.received.isEmpty)
        #expect(harness.credentials.all.isEmpty)
        let records = harness.audit.all
        #expect(records.count == 1)
        // The caller-chosen name is audited in a bounded, printable form: never raw look-alikes or control bytes.
        let printable = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-?")
        let audited = records.first?.tool ?? ""
        #expect(audited.allSatisfy(printable.contains))
        #expect(audited.count == name.count || audited.count == 65)
        #expect(records.first?.outcome != "allowed")
    }

    @Test("a look-alike name is refused even for a caller allowed every tool")
    func lookAlikeRefusedForPermittedCaller() async throws {
        let harness = try GatewayHarness(policy: Self.policy)
        defer { harness.stop() }

        // A NUL byte is kept out of the parameterised list so it never lands in test output.
        for name in Self.lookAlikes + ["delete_records\u{0000}", "delete_records\u{0000}x"] {
            let reply = try await harness.call(name, ["id": "rec-1"], as: .userB)
            #expect(reply.json["error"]["code"].intValue != nil, "name \(name.debugDescription) resolved")
        }
        #expect(harness.tools.received.isEmpty)
    }
}
