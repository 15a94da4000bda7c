import AgentryCore
import Foundation
import Gateway
import Testing

@Suite("JSON-RPC framing over streamable HTTP")
struct ProtocolTests {
    /// Request objects that are valid JSON but not valid JSON-RPC requests.
    static let invalidRequests: [String] = [
        #"{"jsonrpc":"2.0","id":1}"#,
        #"{"jsonrpc":"1.0","id":1,"method":"ping"}"#,
        #"{"id":1,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":1,"method":42}"#,
        #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":true,"method":"ping"}"#,
        #""just a string""#,
        "42",
    ]

    @Test("ping answers an empty result with the same id")
    func ping() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let reply = try await harness.send(#"{"jsonrpc":"2.0","id":"p-1","method":"ping"}"#)
        #expect(reply.status == 200)
        #expect(reply.json["jsonrpc"] == "2.0")
        #expect(reply.json["id"] == "p-1")
        #expect(reply.json["result"] == [:])
        #expect(reply.json["error"] == .null)
    }

    @Test("an unknown method is answered with -32601")
    func unknownMethod() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let reply = try await harness.send(#"{"jsonrpc":"2.0","id":3,"method":"resources/list"}"#)
        #expect(reply.json["id"] == 3)
        #expect(reply.json["error"]["code"] == -32601)
        #expect(reply.json["result"] == .null)
    }

    @Test("malformed JSON is answered with HTTP 400 and -32700")
    func malformedJSON() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let reply = try await harness.send(#"{"jsonrpc":"2.0","id":1,"method":"ping""#)
        #expect(reply.status == 400)
        #expect(reply.json["error"]["code"] == -32700)
        #expect(reply.json["id"] == .null)
    }

    @Test("an invalid request object is answered with HTTP 400 and -32600", arguments: invalidRequests)
    func invalidRequest(body: String) async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let reply = try await harness.send(body)
        #expect(reply.status == 400)
        #expect(reply.json["error"]["code"] == -32600)
        #expect(reply.json["result"] == .null)
    }

    @Test("a notification is accepted with HTTP 202 and an empty body")
    func notification() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let initialized = try await harness.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        #expect(initialized.status == 202)
        #expect(initialized.text.isEmpty)
        let cancelled = try await harness.send(
            #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":99}}"#
        )
        #expect(cancelled.status == 202)
        #expect(cancelled.text.isEmpty)
    }

    @Test("a tools/call sent as a notification runs no tool")
    func notificationRunsNoTool() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let reply = try await harness.send(
            #"{"jsonrpc":"2.0","method":"tools/call","params":{"name":"search_docs","arguments":{"query":"q"}}}"#
        )
        #expect(reply.status == 202)
        #expect(harness.tools.received.isEmpty)
    }

    @Test("GET is answered with 405 because the endpoint offers no stream")
    func getIsNotAllowed() async throws {
        let harness = try GatewayHarness()
        defer { harness.stop() }

        let reply = try await harness.send(nil, method: "GET")
        #expect(reply.status == 405)
        #expect(reply.json["error"]["code"] == "http.method_not_allowed")
    }
}
