import Foundation
import Testing

@testable import Models

/// A tiny OpenAI-shaped server (Python stdlib) on 127.0.0.1, started per test and stopped after it.
final class FakeOpenAIServer {
    let process = Process()
    let port: Int
    let recordPath: String

    private static let script = #"""
        import http.server, json, sys, time
        record = sys.argv[1]
        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args): pass
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with open(record, "w") as f:
                    json.dump({"path": self.path, "auth": self.headers.get("Authorization"),
                               "body": json.loads(body)}, f)
                model = json.loads(body).get("model", "")
                if model == "fail":
                    self.send_response(500); self.end_headers(); self.wfile.write(b'{"error":"secret detail"}'); return
                if model == "slow":
                    time.sleep(3)
                if model == "garbage":
                    out = b"not json"
                else:
                    reply = {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": model + "-up",
                             "choices": [{"index": 0, "message": {"role": "assistant", "content": "pong"},
                                          "finish_reason": "stop"}]}
                    if model != "no-usage":
                        reply["usage"] = {"prompt_tokens": 11, "completion_tokens": 2, "total_tokens": 13}
                    out = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#

    init() throws {
        recordPath =
            FileManager.default.temporaryDirectory.appendingPathComponent("fake-openai-\(UUID().uuidString).json").path
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, recordPath]
        process.standardOutput = output
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw ModelError.upstream("fake server did not start")
        }
        self.port = port
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/") }

    /// What the server received last.
    func lastRequest() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: recordPath))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// Kills the server by its process id. SIGKILL, because a child of the test runner may inherit a signal mask
    /// that blocks SIGTERM.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: recordPath)
    }
}

@Suite("OpenAICompatibleProvider", .serialized)
struct OpenAICompatibleProviderTests {
    private let request = ChatRequest(
        model: "gpt-test",
        messages: [.init(role: .system, content: "Be brief."), .init(role: .user, content: "ping")],
        maxTokens: 16,
        temperature: 0.2
    )

    @Test("posts OpenAI JSON with the bearer key and parses the reply")
    func roundTrip() async throws {
        let server = try FakeOpenAIServer()
        defer { server.stop() }
        let provider = OpenAICompatibleProvider(
            configuration: .init(baseURL: server.baseURL.appendingPathComponent("/"), apiKey: "sk-test-123")
        )
        let reply = try await provider.complete(request)

        #expect(reply.content == "pong")
        #expect(reply.model == "gpt-test-up")
        #expect(reply.usage == TokenUsage(promptTokens: 11, completionTokens: 2))
        let received = try server.lastRequest()
        #expect(received["path"] as? String == "/v1/chat/completions")
        #expect(received["auth"] as? String == "Bearer sk-test-123")
        let body = try #require(received["body"] as? [String: Any])
        #expect(body["model"] as? String == "gpt-test")
        #expect(body["max_tokens"] as? Int == 16)
        #expect(body["temperature"] as? Double == 0.2)
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(messages == [["role": "system", "content": "Be brief."], ["role": "user", "content": "ping"]])
    }

    @Test("sends no Authorization header without a key, and estimates usage the upstream omitted")
    func noKeyAndEstimatedUsage() async throws {
        let server = try FakeOpenAIServer()
        defer { server.stop() }
        let provider = OpenAICompatibleProvider(
            configuration: .init(baseURL: server.baseURL, upstreamModel: "no-usage")
        )
        let reply = try await provider.complete(request)
        #expect(try server.lastRequest()["auth"] is NSNull)
        #expect(reply.usage.estimated)
        #expect(reply.usage.promptTokens == TokenCounter.count(request.messages))
        #expect(reply.usage.completionTokens == TokenCounter.count("pong"))
    }

    @Test("maps upstream failures to model errors without upstream detail", arguments: ["fail", "garbage"])
    func upstreamErrors(model: String) async throws {
        let server = try FakeOpenAIServer()
        defer { server.stop() }
        let provider = OpenAICompatibleProvider(configuration: .init(baseURL: server.baseURL, upstreamModel: model))
        do {
            _ = try await provider.complete(request)
            Issue.record("expected an upstream error")
        } catch let error as ModelError {
            #expect(error.code == "model.upstream_error" && error.status == 502)
            #expect(!error.description.contains("secret"))
        }
    }

    @Test("times out with model.timeout, and an unreachable host is an upstream error")
    func timeoutAndUnreachable() async throws {
        let server = try FakeOpenAIServer()
        defer { server.stop() }
        let slow = OpenAICompatibleProvider(
            configuration: .init(baseURL: server.baseURL, timeout: 0.5, upstreamModel: "slow")
        )
        await #expect(throws: ModelError.timeout) { try await slow.complete(request) }

        let closedURL = try #require(URL(string: "http://127.0.0.1:9"))
        let closed = OpenAICompatibleProvider(configuration: .init(baseURL: closedURL))
        await #expect(throws: ModelError.upstream("the model provider could not be reached")) {
            try await closed.complete(request)
        }
    }

    @Test("never prints the API key")
    func keyRedacted() {
        let configuration = OpenAICompatibleProvider.Configuration(
            baseURL: URL(fileURLWithPath: "/"),
            apiKey: "sk-very-secret"
        )
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!"\(configuration)".contains("sk-very-secret"))
        #expect(!dumped.contains("sk-very-secret"))
    }
}

@Suite("ModelRouter")
struct ModelRouterTests {
    @Test("routes by name, falls back to the default route, and rejects unknown routes")
    func routing() async throws {
        let router = ModelRouter(routes: ["shared": ExtractiveResponder()], defaultRoute: "shared")
        let request = ChatRequest(model: "m", messages: [.init(role: .user, content: "hi")])
        #expect(try await router.complete(route: "shared", request).content == ExtractiveResponder.noContextReply)
        #expect(try await router.complete(route: nil, request).model == "m")
        #expect(throws: ModelError.routeNotFound("silo-acme")) { try router.provider(for: "silo-acme") }
        #expect(throws: ModelError.self) { try ModelRouter(routes: [:]).provider(for: nil) }
    }
}
