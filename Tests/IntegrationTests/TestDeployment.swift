import AgentryCore
import AgentryServer
import Foundation
import HTTP
import Identity
import Tenancy
import TestSupport

/// Paths and a shared running server for the integration tests.
enum TestPaths {
    /// The package root (the folder holding Package.swift).
    static let packageRoot: URL = SharedCorpus.packageRoot ?? URL(fileURLWithPath: "/")

    /// `../shared/corpus/contracts`, or nil when the shared folder is absent.
    static let contracts: String? = SharedCorpus.contractsDirectory?.path

    /// The folder holding the built `docassist-agent` and `docassist-tools`.
    static let programs: URL = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
        ]
        return candidates.first {
            FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("docassist-agent").path)
        } ?? candidates[1]
    }()

    static let exampleConfig = packageRoot.appendingPathComponent("examples/docassist/agentry.json").path

    static func temporaryDirectory(_ label: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "agentry-\(label)-\(UUID().uuidString)"
        )
        try? FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        return path.path
    }
}

/// One Agentry server with the DocAssist configuration, started once and shared by the HTTP-level tests.
actor TestDeployment {
    static let shared = TestDeployment()
    /// Secret of the OAuth client `client-a` configured on the shared server.
    static let clientSecret = "s3cret-for-tests"

    private var starting: Task<AgentryServer, any Error>?

    /// The shared server, started on first use; concurrent callers share one start.
    func start() async throws -> AgentryServer {
        if let starting { return try await starting.value }
        let task = Task { try await Self.launch() }
        starting = task
        return try await task.value
    }

    private static func launch() async throws -> AgentryServer {
        var config = try ConfigLoader.load(path: TestPaths.exampleConfig)
        config.server.port = 0
        config.server.dataDirectory = TestPaths.temporaryDirectory("server")
        config.server.maxBodyBytes = 64 * 1024
        config.oauthClients = [
            OAuthClientConfig(
                id: "client-a",
                secretSHA256: Digest.sha256Hex(TestDeployment.clientSecret),
                targets: ["docassist-billing": ["billing:write"]]
            )
        ]
        // No warm sandboxes: nothing should outlive the tests that use this server.
        for name in config.tiers.keys { config.tiers[name]?.warmPoolSize = 0 }
        return try await AgentryServer.start(config: config, programDirectory: TestPaths.programs)
    }
}

/// Calls a server with an optional bearer token.
struct Caller: Sendable {
    let endpoint: String
    let token: String?

    func send(
        _ method: String,
        _ path: String,
        body: Data? = nil,
        headers: [String: String] = [:]
    ) async throws
        -> HTTPResponse
    {
        var all = HTTPHeaders()
        if let token { all.set("Authorization", "Bearer " + token) }
        all.set("Content-Type", "application/json")
        for (name, value) in headers { all.set(name, value) }
        guard let url = URL(string: endpoint + path) else { throw CodedError.badRequest("bad test path") }
        return try await HTTPClient().send(method, url, headers: all, body: body, timeout: 60)
    }

    func json(
        _ method: String,
        _ path: String,
        _ value: JSONValue,
        headers: [String: String] = [:]
    ) async throws
        -> HTTPResponse
    {
        try await send(method, path, body: value.serialized(), headers: headers)
    }
}

extension HTTPResponse {
    /// The stable error code of a JSON error body.
    var errorCode: String { (try? jsonBody())?["error"]["code"].stringValue ?? "" }
}
