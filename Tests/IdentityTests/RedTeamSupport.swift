import AgentryCore
import Foundation
import Synchronization

@testable import Identity

/// Helpers for the red-team suites: attacker-side signing and HMAC.
enum RedTeam {
    /// HMAC-SHA-256 (RFC 2104), computed here so that Identity itself never needs an HMAC.
    static func hmacSHA256(key: Data, message: Data) throws -> Data {
        var block = key.count > 64 ? try Digest.sha256(of: key) : key
        block.append(Data(count: 64 - block.count))
        let inner = Data(block.map { $0 ^ 0x36 }) + message
        let outer = Data(block.map { $0 ^ 0x5C }) + (try Digest.sha256(of: inner))
        return try Digest.sha256(of: outer)
    }

    /// `header.payload.signature` where the signature is HS256 over the encoded parts with `secret`.
    static func hs256(header: String, payload: String, secret: Data) throws -> String {
        let input = Base64URL.encode(Data(header.utf8)) + "." + Base64URL.encode(Data(payload.utf8))
        return input + "." + Base64URL.encode(try hmacSHA256(key: secret, message: Data(input.utf8)))
    }

    /// Signs arbitrary header and payload text with any signing key.
    static func sign(header: String, payload: String, key: SigningKey) throws -> String {
        try TestSupport.forge(header: header, payload: payload, key: key)
    }

    /// A verifier for `key` alone (every algorithm allowed), issuer `Fixture.issuerName`, audience `api`.
    static func verifier(for key: SigningKey, source: KeySource? = nil) -> TokenVerifier {
        let trusted = TrustedIssuer(
            issuer: Fixture.issuerName,
            keys: source ?? .keys([key.verificationKey]),
            audiences: ["api"]
        )
        return TokenVerifier(
            issuers: [trusted],
            allowedAlgorithms: Set(JWSAlgorithm.allCases),
            clock: TestSupport.clock()
        )
    }
}

/// A key source that records every `kid` it is asked for.
final class RecordingKeySource: Sendable {
    private let asked = Mutex<[String?]>([])
    private let keys: [VerificationKey]

    init(_ keys: [VerificationKey]) {
        self.keys = keys
    }

    /// The kids looked up so far.
    var lookups: [String?] { asked.withLock { $0 } }

    /// The source to hand to a trusted issuer.
    var source: KeySource {
        KeySource { [self] kid in
            asked.withLock { $0.append(kid) }
            return keys.filter { kid == nil || $0.keyID == kid }
        }
    }
}
