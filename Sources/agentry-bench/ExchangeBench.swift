import Foundation
import Identity
import Synchronization

/// `agentry-bench exchange [--iterations N] [--threads T] [--alg A,B]`: RFC 8693 token exchanges per second
/// through `TokenExchanger`, set up as Agentry's token endpoint sets it up (`--http`: over HTTP, see
/// ``runHTTP(_:)``).
///
/// Each exchange parses the form, verifies the subject token against a key ring (sealed files on disk, looked up
/// by `kid`), checks its audience, asks a static policy table of 40 clients × 5 audiences, narrows the scope,
/// stacks the client on an existing `act` chain and signs the new token with the ring's active key. Not included:
/// client authentication, the revocation lookup in SQLite, and HTTP. Reported: single-thread latency (p50, p99)
/// and aggregate throughput with `T` threads (default 2) each exchanging `N` times.
enum ExchangeBench {
    /// Runs the benchmark for each algorithm; returns the exit status.
    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try BenchArguments(arguments)
        if options.flag("http") { return try runHTTP(options) }
        let iterations = max(100, try options.integer("iterations", default: 3000))
        let threads = max(1, try options.integer("threads", default: 2))
        let names =
            options.string("alg").map { $0.split(separator: ",").map(String.init) }
            ?? ["ES256", "EdDSA", "RS256", "PS256", "ES384"]
        print("exchange: \(iterations) exchanges per thread, \(threads) thread(s), subject with a one-actor chain")
        for name in names {
            guard let algorithm = JWSAlgorithm(rawValue: name) else { throw BenchUsageError("unknown alg `\(name)`") }
            let setup = try Setup(algorithm: algorithm)
            for _ in 0..<200 { _ = try setup.exchange() }
            let latency = LatencyStats(nanoseconds: try (0..<iterations).map { _ in try setup.timedExchange() })
            let rate = try setup.throughput(threads: threads, each: iterations)
            print(
                name.padding(toLength: 6, withPad: " ", startingAt: 0)
                    + String(format: " 1 thread: p50 %7.1f µs  p99 %7.1f µs", latency.p50, latency.p99)
                    + String(format: "  %6.0f/s", latency.throughput)
                    + String(format: "   %d threads: %6.0f exchanges/s", threads, rate)
            )
        }
        return 0
    }
}

extension ExchangeBench {
    /// A ring, an exchanger configured as the token endpoint's, and a subject token to exchange.
    struct Setup: Sendable {
        let exchanger: TokenExchanger
        let subject: String
        let client = "client-17"

        init(algorithm: JWSAlgorithm) throws {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("agentry-bench-exchange-\(UUID().uuidString)")
            let ring = try KeyRing(
                name: "platform",
                directory: directory,
                algorithm: algorithm,
                policy: KeyRotationPolicy(activationDelay: 3600, maximumTokenLifetime: 3600),
                sealer: PlaintextKeySealer()
            )
            let issuer = TokenIssuer(issuer: "https://agentry.bench.test", keyRing: ring, maximumTTL: 3600)
            let verifier = TokenVerifier(
                issuers: [issuer.trusted(audiences: ["agentry"])],
                allowedAlgorithms: Set(JWSAlgorithm.allCases)
            )
            var targets: [String: [String: Set<String>]] = [:]
            for client in 0..<40 {
                for audience in 0..<5 {
                    let scopes: Set<String> = ["read-\(audience)", "write-\(audience)"]
                    targets["client-\(client)", default: [:]]["service-\(audience)"] = scopes
                }
            }
            exchanger = TokenExchanger(
                verifier: verifier,
                issuer: issuer,
                policy: StaticExchangePolicy(targets: targets),
                configuration: .init(
                    maximumTTL: 300,
                    maximumActorDepth: 4,
                    refuseScopeWidening: true,
                    acceptedSubjectAudiences: ["agentry"]
                )
            )
            // A workload token: a user's, with the agent already acting for them.
            subject = try issuer.issue(
                Claims(
                    sub: "alice",
                    aud: ["agentry"],
                    tenantID: "acme",
                    scopes: ["read-3", "write-3", "docs:read"],
                    act: ActorClaim(sub: "agent:helper", act: nil),
                    sessionID: "session-1"
                ),
                ttl: 3600
            )
        }

        /// One exchange, from form fields to signed token.
        func exchange() throws -> String {
            let request = try TokenExchangeRequest(form: [
                ("grant_type", TokenExchangeRequest.grantType), ("subject_token", subject),
                ("subject_token_type", TokenExchangeRequest.accessTokenType), ("audience", "service-3"),
                ("scope", "write-3"),
            ])
            return try exchanger.exchange(request, clientID: client).accessToken
        }

        /// Nanoseconds one exchange takes.
        func timedExchange() throws -> UInt64 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try exchange()
            return DispatchTime.now().uptimeNanoseconds - start
        }

        /// Exchanges per second with `threads` threads doing `each` exchanges.
        func throughput(threads: Int, each: Int) throws -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                for _ in 0..<each where (try? exchange()) == nil { failures.record() }
            }
            guard failures.count == 0 else { throw BenchUsageError("\(failures.count) exchanges failed") }
            return Double(threads * each) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
    }

    /// A thread-safe failure counter.
    final class Failures: Sendable {
        private let value = Mutex(0)
        func record() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }
}
