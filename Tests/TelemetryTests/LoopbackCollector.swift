import Foundation

/// A throwaway OTLP/HTTP receiver: a Python standard-library HTTP server on 127.0.0.1 that appends every request
/// it accepts to a JSON-lines file, optionally answering 503 to the first few requests.
final class LoopbackCollector {
    /// One request the receiver accepted.
    struct Request {
        let path: String
        let contentType: String
        let body: [String: Any]
    }

    /// Whether `python3` can be started (tests that need the receiver are skipped otherwise).
    static let pythonAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import http.server"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    private static let script = """
        import http.server, json, os, signal, sys, threading
        out, fail_first = sys.argv[1], int(sys.argv[2])
        seen = [0]
        # The parent's blocked-signal mask is inherited; unblock it, and exit when the parent closes our stdin.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, signal.valid_signals())
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()

        def read_body(handler):
            if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
                data = b""
                while True:
                    size = int(handler.rfile.readline().strip(), 16)
                    if size == 0:
                        handler.rfile.readline()
                        return data
                    data += handler.rfile.read(size)
                    handler.rfile.readline()
            return handler.rfile.read(int(handler.headers.get("Content-Length", "0")))

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = read_body(self)
                seen[0] += 1
                if seen[0] <= fail_first:
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                record = {"path": self.path, "content_type": self.headers.get("Content-Type", ""),
                          "body": body.decode("utf-8")}
                with open(out, "a") as sink:
                    sink.write(json.dumps(record) + "\\n")
                reply = b"{}"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    let port: Int
    private let process: Process
    private let stdin: Pipe
    private let directory: URL
    private var output: URL { directory.appendingPathComponent("received.jsonl") }

    /// The base URL (`http://127.0.0.1:<port>`).
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Starts the receiver and waits for it to report its port.
    init(failFirst: Int = 0) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("otlp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let scriptURL = directory.appendingPathComponent("receiver.py")
        try Self.script.write(to: scriptURL, atomically: true, encoding: .utf8)

        let pipe = Pipe()
        process = Process()
        stdin = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", scriptURL.path, directory.appendingPathComponent("received.jsonl").path,
            String(failFirst),
        ]
        process.standardOutput = pipe
        process.standardInput = stdin
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        try process.run()

        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        guard let text = String(data: line, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            let port = Int(text)
        else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
    }

    deinit { stop() }

    /// Stops the receiver (idempotent) and removes its files.
    func stop() {
        if process.isRunning {
            // SIGKILL cannot be blocked, unlike the SIGTERM `terminate()` sends.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The requests accepted so far.
    func received() -> [Request] {
        guard let text = try? String(contentsOf: output, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let bodyText = record["body"] as? String,
                let body = try? JSONSerialization.jsonObject(with: Data(bodyText.utf8)) as? [String: Any]
            else { return nil }
            return Request(
                path: record["path"] as? String ?? "",
                contentType: record["content_type"] as? String ?? "",
                body: body
            )
        }
    }

    /// Polls until at least `count` requests arrived or `timeout` passes.
    func waitFor(requests count: Int, timeout: Duration = .seconds(30)) async -> [Request] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let requests = received()
            if requests.count >= count { return requests }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return received()
    }

    /// Every span object in every accepted request, in arrival order.
    func receivedSpans() -> [[String: Any]] {
        received().flatMap { request in
            ((request.body["resourceSpans"] as? [[String: Any]]) ?? []).flatMap { resource in
                ((resource["scopeSpans"] as? [[String: Any]]) ?? []).flatMap { scope in
                    (scope["spans"] as? [[String: Any]]) ?? []
                }
            }
        }
    }
}
