import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy
import Testing

@testable import AgentryServer

/// Agentry against real clients from PyPI (PyJWT, jwcrypto, authlib), run by `scripts/interop/agentry_interop.py`
/// from `<package root>/.venv` (made by `scripts/setup.sh`). Skipped, saying so, when the virtualenv is absent.
@Suite("Interop with PyJWT, jwcrypto and authlib")
struct InteropTests {
    static let python = TestPaths.packageRoot.appendingPathComponent(".venv/bin/python").path
    static let script = TestPaths.packageRoot.appendingPathComponent("scripts/interop/agentry_interop.py").path
    static let issuer = "https://idp.interop.invalid"
    /// Algorithms of the silo tenants added to the harness (`acme` and `globex` sign with ES256).
    static let siloAlgorithms = ["ES384", "RS256", "PS256", "EdDSA"]

    /// The silo tenant signing with `algorithm`.
    static func siloTenant(_ algorithm: String) -> String { "silo-" + algorithm.lowercased() }

    /// Adds one silo tenant per algorithm of ``siloAlgorithms``, each configured to sign with it.
    static func addSiloTenants(_ config: inout DeploymentConfig) throws {
        for algorithm in siloAlgorithms {
            let json = #"{"id": "\#(siloTenant(algorithm))", "tier": "siloed", "signingAlgorithm": "\#(algorithm)"}"#
            config.tenants.append(try JSONDecoder().decode(TenantConfig.self, from: Data(json.utf8)))
        }
    }

    @Test("the libraries verify Agentry's tokens, run its OAuth flows, and Agentry verifies what they sign")
    func interop() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            print("skipping interop tests: \(Self.python) is absent (run scripts/setup.sh)")
            return
        }
        let directory = TestPaths.temporaryDirectory("interop")
        _ = try await Self.runScript(["keys", directory], input: Data())
        let server = try await OAuthHarness.launch(
            trustedJWKS: (Self.issuer, directory + "/jwks.json"),
            adjust: Self.addSiloTenants
        )
        do {
            try await check(server, keys: directory)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func check(_ server: AgentryServer, keys directory: String) async throws {
        // Tokens from the shared ring (acme), a siloed tenant's own ES256 ring (globex), and one silo ring per
        // other algorithm.
        let identity = server.platform.identity
        let tenants = ["acme", "globex"] + Self.siloAlgorithms.map(Self.siloTenant)
        let tokens: JSONValue = [
            "agentry": .array(
                try tenants.map { tenant in
                    .string(try identity.issueUserToken(tenant: tenant, user: "u-" + tenant, scopes: [], ttl: 300))
                }
            ),
            "subject": .string(
                try identity.issueUserToken(tenant: "acme", user: "alice", scopes: ["billing:write"], ttl: 300)
            ),
        ]
        let output = try await Self.runScript(
            [
                "run", "--endpoint", server.endpoint, "--dir", directory, "--issuer", Self.issuer,
                "--client", "acme-app", "--secret", OAuthHarness.secret("acme-app"),
            ],
            input: tokens.serialized()
        )
        let report = try JSONValue.parse(output)
        checkVerification(report)
        checkAuthlibFlows(report["authlib"])
        checkSignedByLibraries(report)
    }

    /// Each library verified each Agentry token through the JWKS alone, and imported every published key.
    private func checkVerification(_ report: JSONValue) {
        let rows = report["verify"].arrayValue ?? []
        #expect(rows.count == 2 + Self.siloAlgorithms.count)
        for row in rows {
            for library in ["pyjwt", "jwcrypto", "authlib"] {
                #expect(row[library] == true, "\(library) could not verify an \(row["alg"]) token: \(row)")
            }
            #expect(report["advertised"].arrayValue?.contains(row["alg"]) == true)
        }
        #expect(Set(rows.compactMap { $0["alg"].stringValue }) == Set(["ES256"] + Self.siloAlgorithms))
        for key in report["jwks"].arrayValue ?? [] {
            #expect(key["pyjwt"] == true && key["jwcrypto"] == true && key["authlib"] == true, "\(key)")
        }
    }

    /// authlib's OAuth2 client: client_credentials, token exchange, introspection (Basic and post), revocation.
    private func checkAuthlibFlows(_ flows: JSONValue) {
        #expect(flows["client_credentials_scope"] == "billing:read")
        #expect(flows["exchange_issued_token_type"] == .string(TokenExchangeRequest.accessTokenType))
        #expect(flows["exchange_scope"] == "billing:write")
        #expect(flows["introspection_active"] == true)
        #expect(flows["introspection_act"] == ["sub": "acme-app"])
        #expect(flows["introspection_numbers_are_integers"] == true)
        #expect(flows["revocation_status"] == 200)
        #expect(flows["introspection_after_revocation"] == ["active": false])
        #expect(flows["anonymous_introspection_status"] == 401)
    }

    /// Tokens each library signed are accepted for every algorithm Agentry verifies, refused otherwise; hostile
    /// tokens are always refused.
    private func checkSignedByLibraries(_ report: JSONValue) {
        let rows = report["signed"].arrayValue ?? []
        #expect(rows.count == 15)
        for row in rows {
            guard let alg = row["alg"].stringValue, row["sign_error"] == nil else {
                Issue.record("a library could not sign: \(row)")
                continue
            }
            let supported = JWSAlgorithm(rawValue: alg) != nil
            #expect(row["edge_status"] == (supported ? 200 : 401), "\(row)")
            #expect(row["introspection_active"] == .bool(supported), "\(row)")
        }
        for (name, row) in report["hostile"].objectValue ?? [:] {
            #expect(row["edge_status"] == 401, "\(name)")
            #expect(row["introspection_active"] == false, "\(name)")
        }
        #expect(report["hostile"].objectValue?.count == 3)
    }

    /// Runs the interop script with `arguments`, feeding `input`; returns its standard output.
    static func runScript(_ arguments: [String], input: Data) async throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script] + arguments
        let stdin = Pipe()
        let outputPath = TestPaths.temporaryDirectory("interop-out") + "/stdout.json"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
                return
            }
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        try stdout.close()
        guard process.terminationStatus == 0 else {
            throw CodedError("test.interop_failed", "the interop script exited with \(process.terminationStatus)")
        }
        return FileManager.default.contents(atPath: outputPath) ?? Data()
    }
}
