import AgentryCore
import Foundation
import HTTP
import TestSupport
import Testing

@Suite("HTTPServer on a real loopback socket")
struct HTTPServerTests {
    private func startServer(maxBody: Int = 1024) throws -> HTTPServer {
        var router = Router()
        router.add("POST", "/echo/:name") { request in
            let body = try JSONValue.parse(request.body)
            return .json([
                "name": .string(request.pathParameters["name"] ?? ""), "body": body,
                "q": .string(request.query["q"] ?? ""),
            ])
        }
        router.add("GET", "/slow") { _ in
            try await Task.sleep(for: .milliseconds(200))
            return .text("done")
        }
        let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0, maxBodyBytes: maxBody), router: router)
        try server.start()
        return server
    }

    private func url(_ server: HTTPServer, _ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(server.port)\(path)")!
    }

    @Test("routes by method and path and passes path parameters, query and body")
    func routes() async throws {
        let server = try startServer()
        defer { server.stop() }
        let response = try await HTTPClient().postJSON(url(server, "/echo/alice?q=x%20y"), ["a": 1])
        #expect(response.status == 200)
        let body = try response.jsonBody()
        #expect(body["name"] == "alice")
        #expect(body["q"] == "x y")
        #expect(body["body"]["a"] == 1)
        #expect(response.headers["x-request-id"]?.hasPrefix("req-") == true)
    }

    @Test("answers malformed JSON with 400 and a stable code")
    func malformedJSON() async throws {
        let server = try startServer()
        defer { server.stop() }
        let response = try await HTTPClient().send("POST", url(server, "/echo/x"), body: Data("{nope".utf8))
        #expect(response.status == 400)
        #expect(try response.jsonBody()["error"]["code"] == "request.malformed_json")
    }

    @Test("answers unknown paths with 404 and wrong methods with 405")
    func notFoundAndMethod() async throws {
        let server = try startServer()
        defer { server.stop() }
        let missing = try await HTTPClient().send("GET", url(server, "/nothing"))
        #expect(missing.status == 404)
        #expect(try missing.jsonBody()["error"]["code"] == "http.not_found")
        let wrong = try await HTTPClient().send("GET", url(server, "/echo/x"))
        #expect(wrong.status == 405)
    }

    @Test("refuses bodies over the limit with 413, declared or streamed")
    func bodyTooLarge() async throws {
        let server = try startServer(maxBody: 64)
        defer { server.stop() }
        let big = Data(repeating: UInt8(ascii: "a"), count: 100)
        let response = try await HTTPClient().send("POST", url(server, "/echo/x"), body: big)
        #expect(response.status == 413)
        #expect(try response.jsonBody()["error"]["code"] == "http.body_too_large")

        let chunked =
            "POST /echo/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "50\r\n" + String(repeating: "b", count: 80) + "\r\n0\r\n\r\n"
        #expect(RawSocket.exchange(port: server.port, chunked).hasPrefix("HTTP/1.1 413"))
    }

    @Test(
        "refuses ambiguous framing before routing",
        arguments: [
            "POST /echo/x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            "POST /echo/x HTTP/1.1\r\nHost: a\r\nHost: b\r\nContent-Length: 2\r\n\r\n{}",
        ]
    )
    func ambiguousFraming(raw: String) throws {
        let server = try startServer()
        defer { server.stop() }
        let reply = RawSocket.exchange(port: server.port, raw)
        #expect(reply.hasPrefix("HTTP/1.1 400"))
        #expect(!reply.contains("\"name\""))
    }

    @Test("a handler that waits never blocks the server: a later request can release it")
    func handlersDoNotBlock() async throws {
        // The first request's handler waits until the second request arrives; a server that ran handlers on its
        // own threads, one at a time, would never serve the second one.
        let gate = Gate()
        var router = Router()
        router.add("GET", "/wait") { _ in
            await gate.wait()
            return .text("released")
        }
        router.add("GET", "/release") { _ in
            await gate.open()
            return .text("ok")
        }
        let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0, threads: 1), router: router)
        try server.start()
        defer { server.stop() }
        async let waiting = HTTPClient().send("GET", url(server, "/wait"), timeout: 60)
        try await Task.sleep(for: .milliseconds(100))
        let release = try await HTTPClient().send("GET", url(server, "/release"), timeout: 60)
        #expect(release.status == 200)
        #expect(String(decoding: try await waiting.body, as: UTF8.self) == "released")
    }
}

/// A one-shot latch for the test above.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}

@Suite("HTTPServer shutdown")
struct HTTPServerShutdownTests {
    @Test("stopping with a handler in flight answers it 503 instead of aborting the process")
    func stopWithRequestInFlight() async throws {
        let gate = Gate()
        let entered = Gate()
        var router = Router()
        router.add("GET", "/hang") { _ in
            await entered.open()
            await gate.wait()
            return .text("late")
        }
        let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0), router: router)
        try server.start()
        let url = URL(string: "http://127.0.0.1:\(server.port)/hang")!
        async let reply = HTTPClient().send("GET", url, timeout: 30)
        await entered.wait()  // the handler is running and its connection suspended
        server.stop()
        let response = try await reply
        #expect(response.status == 503)
        #expect(try response.jsonBody()["error"]["code"] == "server.stopping")
        // The handler finishing after the stop must not touch the closed connection.
        await gate.open()
        try await Task.sleep(for: .milliseconds(50))
    }
}
