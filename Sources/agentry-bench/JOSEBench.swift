import COpenSSL
import Foundation
import Identity

/// `agentry-bench jose [--iterations N]`: the cost of verifying an Agentry ES256 token against the floor of one
/// raw OpenSSL ECDSA P-256 verification, plus signing throughput.
///
/// (a) floor: `EVP_PKEY_verify` of a precomputed SHA-256 digest (context created per call, as a real verify does);
/// (b) full path: `TokenVerifier.verify` (split, base64url, strict JSON, claim checks, key lookup in a JWKS parsed
///     once, hashing and the same ECDSA verification);
/// (c) `TokenIssuer.issue` throughput.
/// The two timed paths alternate sample by sample so drift on a shared machine hits them alike.
/// Target: (b)/(a) ≤ 1.3 at p50.
enum JOSEBench {
    /// The ratio the issue sets as the goal.
    static let targetRatio = 1.3

    /// Runs the benchmark and prints a report; returns the process exit status (2 for bad arguments).
    static func run(_ arguments: [String]) throws -> Int32 {
        guard let iterations = parseIterations(arguments) else {
            print("usage: agentry-bench jose [--iterations N]   (N ≥ 100, default 5000)")
            return 2
        }
        let setup = try Setup()
        let floor = try RawVerifier(
            pem: try setup.key.pkcs8PEM(),
            signingInput: setup.signingInput,
            raw: setup.signature
        )

        // Warm both paths, then interleave rounds of each.
        for _ in 0..<200 {
            _ = floor.verify()
            _ = try setup.verifier.verify(setup.token)
        }
        // Alternate the two paths sample by sample, so load from other processes hits both alike.
        var rawTimes = [UInt64]()
        var fullTimes = [UInt64]()
        rawTimes.reserveCapacity(iterations)
        fullTimes.reserveCapacity(iterations)
        for _ in 0..<iterations {
            rawTimes += try time(1) { guard floor.verify() else { throw BenchFailure.rawRefused } }
            fullTimes += try time(1) { _ = try setup.verifier.verify(setup.token) }
        }
        let signing = try signingRate(setup, count: max(iterations / 5, 100))
        report(raw: rawTimes, full: fullTimes, signing: signing)
        try breakdown(setup, floor: floor, count: max(iterations / 5, 100))
        return 0
    }

    /// `--iterations N` from the arguments (a leading `jose` is ignored), default 5000.
    static func parseIterations(_ arguments: [String]) -> Int? {
        var rest = arguments.first == "jose" ? Array(arguments.dropFirst()) : arguments
        guard !rest.isEmpty else { return 5000 }
        guard rest.count == 2, rest.removeFirst() == "--iterations", let count = Int(rest[0]), count >= 100 else {
            return nil
        }
        return count
    }

    /// Nanoseconds taken by each of `count` runs of `body`.
    private static func time(_ count: Int, _ body: () throws -> Void) throws -> [UInt64] {
        var samples = [UInt64]()
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(DispatchTime.now().uptimeNanoseconds - start)
        }
        return samples
    }

    /// Where the time of the full path goes: parsing alone and the signature check alone.
    private static func breakdown(_ setup: Setup, floor: RawVerifier, count: Int) throws {
        let key = setup.key.verificationKey
        let parse = try time(count) {
            let jws = try CompactJWS(parsing: setup.token)
            _ = try Claims(json: try jws.payloadObject())
        }
        let signature = try time(count) {
            guard key.verify(signature: setup.signature, signingInput: setup.signingInput, algorithm: .es256) else {
                throw BenchFailure.rawRefused
            }
        }
        if let context = floor.reusableContext() {
            defer { EVP_PKEY_CTX_free(context) }
            let bare = try time(count) { guard floor.verify(reusing: context) else { throw BenchFailure.rawRefused } }
            print("bare EVP_PKEY_verify on a reused context (p50): \(format(percentile(bare, 0.5))) µs")
        }
        print(
            "breakdown (p50): parse + claims \(format(percentile(parse, 0.5))) µs, "
                + "signature check \(format(percentile(signature, 0.5))) µs"
        )
    }

    private static func format(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    /// Tokens issued per second over `count` issues.
    private static func signingRate(_ setup: Setup, count: Int) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<count { _ = try setup.issuer.issue(Claims(sub: "user-1", aud: ["api"]), ttl: 300) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Double(count) / seconds
    }

    /// The percentile `p` (0…1) of `samples`, in microseconds.
    static func percentile(_ samples: [UInt64], _ p: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
        return Double(sorted[index]) / 1000
    }

    private static func report(raw: [UInt64], full: [UInt64], signing: Double) {
        let rawP50 = percentile(raw, 0.5)
        let fullP50 = percentile(full, 0.5)
        let ratio = fullP50 / max(rawP50, 0.001)
        let line = { (name: String, samples: [UInt64]) in
            print(
                name.padding(toLength: 44, withPad: " ", startingAt: 0)
                    + String(format: "p50 %8.2f µs   ", percentile(samples, 0.5))
                    + String(format: "p99 %8.2f µs", percentile(samples, 0.99))
            )
        }
        print("jose: \(raw.count) samples each, alternating sample by sample")
        line("(a) raw OpenSSL ECDSA P-256 verify (floor)", raw)
        line("(b) Agentry ES256 token verification", full)
        let verdict = ratio <= targetRatio ? "met" : "NOT met"
        print(String(format: "ratio (b)/(a) at p50: %.3f× (target ≤ %.1f×) ", ratio, targetRatio) + verdict)
        print(String(format: "(c) ES256 token issuing: %.0f tokens/s", signing))
    }
}

extension JOSEBench {
    /// A benchmark failure.
    enum BenchFailure: Error {
        /// The floor's verification refused a valid signature.
        case rawRefused
        /// OpenSSL could not set up the floor.
        case openSSL
    }

    /// An ES256 key, an issued token, and a verifier whose key source is a JWKS parsed once.
    struct Setup {
        let key: SigningKey
        let issuer: TokenIssuer
        let verifier: TokenVerifier
        let token: String
        let signingInput: Data
        let signature: Data

        init() throws {
            key = try SigningKey.generate(.es256)
            issuer = TokenIssuer(issuer: "https://agentry.bench.test", signingKey: key)
            let set = try JWKS.parse(try JWKS(keys: [key.publicJWK]).jsonData())
            let trusted = TrustedIssuer(issuer: issuer.issuer, keys: .jwks(set), audiences: ["api"])
            verifier = TokenVerifier(issuers: [trusted])
            token = try issuer.issue(
                Claims(sub: "user-1", aud: ["api"], tenantID: "t1", scopes: ["read", "write"]),
                ttl: 3600
            )
            let parts = token.split(separator: ".")
            signingInput = Data((parts[0] + "." + parts[1]).utf8)
            signature = try Base64URL.decode(parts[2])
        }
    }

    /// The floor: a raw ECDSA verification of a precomputed digest with the same key.
    final class RawVerifier {
        private let key: OpaquePointer
        private let digest: [UInt8]
        private let der: [UInt8]

        init(pem: Data, signingInput: Data, raw: Data) throws {
            let loaded: OpaquePointer? = pem.withUnsafeBytes { bytes in
                guard let bio = BIO_new_mem_buf(bytes.baseAddress, Int32(bytes.count)) else { return nil }
                defer { BIO_free(bio) }
                return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
            }
            guard let loaded else { throw BenchFailure.openSSL }
            key = loaded
            var hash = [UInt8](repeating: 0, count: 32)
            _ = signingInput.withUnsafeBytes { SHA256($0.bindMemory(to: UInt8.self).baseAddress, $0.count, &hash) }
            digest = hash
            der = Self.derSignature(raw)
        }

        deinit {
            EVP_PKEY_free(key)
        }

        /// A context initialised once, for measuring the bare verification without per-call setup.
        func reusableContext() -> OpaquePointer? {
            guard let context = EVP_PKEY_CTX_new(key, nil), EVP_PKEY_verify_init(context) == 1 else { return nil }
            return context
        }

        /// One verification on a context from ``reusableContext()``.
        func verify(reusing context: OpaquePointer) -> Bool {
            EVP_PKEY_verify(context, der, der.count, digest, digest.count) == 1
        }

        /// One verification, context created and freed as a standalone verify would.
        func verify() -> Bool {
            guard let context = EVP_PKEY_CTX_new(key, nil) else { return false }
            defer { EVP_PKEY_CTX_free(context) }
            guard EVP_PKEY_verify_init(context) == 1 else { return false }
            return EVP_PKEY_verify(context, der, der.count, digest, digest.count) == 1
        }

        /// DER `ECDSA-Sig-Value` for a 64-byte `r || s` (short-form lengths suffice for P-256).
        private static func derSignature(_ raw: Data) -> [UInt8] {
            func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
                var content = Array(bytes.drop { $0 == 0 })
                if content.first.map({ $0 & 0x80 != 0 }) ?? true { content.insert(0, at: 0) }
                return [0x02, UInt8(content.count)] + content
            }
            let bytes = [UInt8](raw)
            let body = integer(bytes[0..<32]) + integer(bytes[32..<64])
            return [0x30, UInt8(body.count)] + body
        }
    }
}
