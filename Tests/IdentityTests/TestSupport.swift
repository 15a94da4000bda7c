import AgentryCore
import Foundation
import Identity

/// Shared fixtures for the Identity tests.
enum TestSupport {
    /// A fixed "now" so lifetimes are deterministic: 2025-01-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_735_689_600)

    /// A clock that always returns ``now`` shifted by `offset` seconds.
    static func clock(_ offset: TimeInterval = 0) -> @Sendable () -> Date {
        { now.addingTimeInterval(offset) }
    }

    /// `/work/shared` located as `../shared` next to the package root, or nil if absent.
    static func sharedDirectory(file: String = #filePath) -> URL? {
        var url = URL(fileURLWithPath: file).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                let shared = url.deletingLastPathComponent().appendingPathComponent("shared")
                return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
            }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    /// Signs arbitrary header and payload JSON text (duplicates and all) with `key`, as an attacker with the key
    /// or a buggy issuer could.
    static func forge(header: String, payload: String, key: SigningKey) throws -> String {
        let input = Base64URL.encode(Data(header.utf8)) + "." + Base64URL.encode(Data(payload.utf8))
        return input + "." + Base64URL.encode(try key.sign(Data(input.utf8)))
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("identity-tests-" + Identifiers.hex(bytes: 8))
    }
}

/// One issuer, its key, and a verifier that trusts it for audience `api`.
struct Fixture {
    static let issuerName = "https://agentry.example.test"

    let key: SigningKey
    let issuer: TokenIssuer
    let verifier: TokenVerifier

    init(audiences: Set<String> = ["api"], tenantID: String? = nil, offset: TimeInterval = 0) throws {
        key = try SigningKey.generate()
        issuer = TokenIssuer(issuer: Self.issuerName, signingKey: key, clock: TestSupport.clock())
        verifier = TokenVerifier(
            issuers: [issuer.trusted(audiences: audiences, tenantID: tenantID)],
            clock: TestSupport.clock(offset)
        )
    }

    /// A valid payload (as JSON text) with the given overrides merged in, for `forge`.
    func payload(_ overrides: [String: JSONValue] = [:], removing: Set<String> = []) -> String {
        var object: [String: JSONValue] = [
            "iss": .string(Self.issuerName), "sub": "user-A", "aud": "api",
            "exp": .number(TestSupport.now.timeIntervalSince1970 + 600),
            "iat": .number(TestSupport.now.timeIntervalSince1970),
        ]
        object.merge(overrides) { _, new in new }
        for name in removing { object[name] = nil }
        return JSONValue.object(object).serializedString()
    }

    /// Forges a token with this fixture's key.
    func forge(header: String = #"{"alg":"ES256","typ":"JWT"}"#, payload: String) throws -> String {
        try TestSupport.forge(header: header, payload: payload, key: key)
    }
}
