import Foundation
import Identity
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `agentry-bench exchange --http [--clients N] [--requests R] [--agentry PATH]`: `POST /oauth2/token` token
/// exchanges per second against a real `agentry serve` on 127.0.0.1, with `N` keep-alive clients (default 4) each
/// sending `R` exchanges (default 2000) of one subject token.
///
/// The server is the `agentry` binary beside this one (or `--agentry PATH`), started on a free loopback port with a
/// one-tenant deployment in a temporary directory and stopped at the end. Each request does everything the
/// endpoint does: client authentication, verification of the subject (twice: binding and exchange), the revocation
/// lookup, the policy table, signing.
extension ExchangeBench {
    static let httpClient = "bench-app"
    static let httpSecret = "bench-secret"

    /// Runs the HTTP benchmark; returns the exit status.
    static func runHTTP(_ options: BenchArguments) throws -> Int32 {
        let clients = max(1, try options.integer("clients", default: 4))
        let requests = max(10, try options.integer("requests", default: 2000))
        let program =
            options.string("agentry")
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("agentry").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agentry-bench-http-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try writeDeployment(in: directory)
        let server = try ServedAgentry(program: program, config: config)
        defer { server.stop() }
        let subject = try server.run([
            "token", "issue", "--config", config, "--tenant", "acme", "--user", "alice", "--scope", "billing:write",
        ]).trimmingCharacters(in: .whitespacesAndNewlines)
        let body = [
            ("grant_type", TokenExchangeRequest.grantType), ("subject_token", subject),
            ("subject_token_type", TokenExchangeRequest.accessTokenType), ("audience", "billing"),
            ("scope", "billing:write"),
        ].map { $0.0 + "=" + ($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1) }
            .joined(separator: "&")
        let basic = Data((httpClient + ":" + httpSecret).utf8).base64EncodedString()
        let head =
            "POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic \(basic)\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        let request = Data((head + body).utf8)

        // Warm up on one connection, then every client at once.
        let port = server.port
        _ = try LoopbackConnection(port: port).timedRequests(request, count: 50)
        let samples = Mutex<[UInt64]>([])
        let failures = Failures()
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: clients) { _ in
            guard let times = try? LoopbackConnection(port: port).timedRequests(request, count: requests) else {
                failures.record()
                return
            }
            samples.withLock { $0 += times }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard failures.count == 0 else { throw BenchUsageError("\(failures.count) client(s) saw a failed exchange") }
        let stats = LatencyStats(nanoseconds: samples.withLock { $0 })
        print("exchange over HTTP: \(clients) keep-alive clients × \(requests) POST /oauth2/token, ES256 ring")
        print(
            String(
                format: "p50 %.0f µs  p99 %.0f µs  throughput %.0f exchanges/s",
                stats.p50,
                stats.p99,
                Double(stats.count) / seconds
            )
        )
        return 0
    }

    /// Writes a one-tenant deployment with an exchange client; returns the configuration file's path.
    private static func writeDeployment(in directory: URL) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let policies = directory.appendingPathComponent("policies.cedar")
        let allowAll = "@id(\"allow-all\")\npermit (principal, action, resource);\n"
        try allowAll.write(to: policies, atomically: true, encoding: .utf8)
        let digest = Digest.sha256Hex(httpSecret)
        let json = """
            {"server": {"port": 0, "issuer": "https://agentry.bench.invalid", "dataDirectory": "data"},
             "tiers": {
               "t": {"runtime": "pool", "memory": "pool", "knowledge": "pool", "keys": "pool", "modelRoute": "m"}
             },
             "tenants": [{"id": "acme", "tier": "t"}],
             "models": {"m": {"provider": "extractive"}}, "policies": "policies.cedar",
             "oauthClients": [{"id": "\(httpClient)", "secretSHA256": "\(digest)", "tenant": "acme",
                               "targets": {"billing": ["billing:write"]}}]}
            """
        let file = directory.appendingPathComponent("agentry.json")
        try json.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}
