import AgentryCore
import Foundation
import Gateway
import Testing

@Suite("MCP sessions and initialize")
struct SessionTests {
    @Test("initialize negotiates the version and returns capabilities, server info and a session id")
    func initializeReturnsEverything() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let (reply, session) = try await harness.initialize(version: "2025-03-26")
        #expect(reply.status == 200)
        let result = reply.json["result"]
        #expect(reply.json["id"] == 0)
        #expect(result["protocolVersion"] == "2025-03-26")
        #expect(result["capabilities"]["tools"].objectValue != nil)
        #expect(result["serverInfo"]["name"].stringValue?.isEmpty == false)
        #expect(result["serverInfo"]["version"].stringValue?.isEmpty == false)

        // The spec allows only visible ASCII in a session id; it must also be hard to guess.
        let id = try #require(session)
        #expect(id.count >= 16)
        #expect(id.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) })
    }

    @Test("an unsupported protocol version is answered with the newest supported one")
    func negotiatesUnknownVersion() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let (unknown, _) = try await harness.initialize(version: "1999-01-01")
        #expect(unknown.json["result"]["protocolVersion"] == .string(MCPGateway.protocolVersions[0]))
        let (oldest, _) = try await harness.initialize(version: "2024-11-05")
        #expect(oldest.json["result"]["protocolVersion"] == "2024-11-05")
    }

    @Test("each initialize opens a distinct session")
    func distinctSessions() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let (_, first) = try await harness.initialize()
        let (_, second) = try await harness.initialize()
        #expect(first != nil && second != nil)
        #expect(first != second)
    }

    @Test("a later request carrying the session id is served")
    func sessionIsUsable() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let session = try #require(try await harness.initialize().1)
        let ping = try await harness.send(#"{"jsonrpc":"2.0","id":5,"method":"ping"}"#, session: session)
        #expect(ping.status == 200)
        #expect(ping.json["id"] == 5)
        #expect(ping.json["result"].objectValue != nil)
        let list = try await harness.send(#"{"jsonrpc":"2.0","id":6,"method":"tools/list"}"#, session: session)
        #expect(list.json["result"]["tools"].arrayValue?.isEmpty == false)
    }

    @Test("an unknown session id is answered with 404")
    func unknownSession() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        _ = try await harness.initialize()
        let reply = try await harness.send(
            #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
            session: "0123456789abcdef0123456789abcdef"
        )
        #expect(reply.status == 404)
    }

    @Test("a session opened by one user is unknown to another user of the same tenant")
    func sessionBoundToUser() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let session = try #require(try await harness.initialize(as: .userA).1)
        let stolen = try await harness.call("search_docs", ["query": "q"], as: .userB, session: session)
        #expect(stolen.status == 404)
        #expect(stolen.json["result"] == .null)
        #expect(harness.tools.received.isEmpty)
    }

    @Test("a session is unknown to the same user name in another tenant")
    func sessionBoundToTenant() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let session = try #require(try await harness.initialize(as: .userA).1)
        let reply = try await harness.send(
            #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
            as: .userAOtherTenant,
            session: session
        )
        #expect(reply.status == 404)
    }

    @Test("DELETE ends a session only for its owner")
    func deleteEndsOwnSessionOnly() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }
        let session = try #require(try await harness.initialize(as: .userA).1)
        let ping = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#

        // Another user's DELETE must not end it.
        _ = try await harness.send(nil, method: "DELETE", as: .userB, session: session)
        #expect(try await harness.send(ping, as: .userA, session: session).status == 200)

        let deleted = try await harness.send(nil, method: "DELETE", as: .userA, session: session)
        #expect(deleted.status == 204)
        #expect(try await harness.send(ping, as: .userA, session: session).status == 404)
    }
}
