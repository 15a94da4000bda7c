import AgentryCore
import AgentryServer
import DocAssistDemo
import Foundation
import Telemetry
import Tenancy

/// The `agentry` subcommands: wiring only.
enum Commands {
    /// Where `docassist-agent` and `docassist-tools` live: beside this binary.
    static var programDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    static func loadConfig(_ arguments: Arguments) throws -> DeploymentConfig {
        guard let path = arguments.flags["--config"] else { throw UsageError("`--config FILE` is required") }
        var config = try ConfigLoader.load(path: path)
        if let port = arguments.flags["--port"] {
            guard let value = UInt16(port) else { throw UsageError("`--port` must be 0…65535") }
            config.server.port = value
        }
        if let data = arguments.flags["--data-dir"] { config.server.dataDirectory = data }
        return config
    }

    static func serve(_ arguments: Arguments) async throws -> Int32 {
        try arguments.only(["--config", "--port", "--data-dir"])
        let server = try await AgentryServer.start(
            config: try loadConfig(arguments),
            programDirectory: programDirectory
        )
        print("agentry listening on \(server.endpoint)")
        await ShutdownSignal.wait()
        await server.stop()
        return 0
    }

    static func demo(_ arguments: Arguments) async throws -> Int32 {
        try arguments.only(["--config", "--contracts", "--report", "--data-dir", "--limit"])
        if let limit = arguments.flags["--limit"], (Int(limit) ?? 0) < 2 {
            throw UsageError("`--limit` must be a whole number of at least 2 (one contract per tenant at least)")
        }
        var options = DemoOptions(
            configPath: arguments.value("--config", default: "examples/docassist/agentry.json"),
            contractsDirectory: arguments.value("--contracts", default: "../shared/corpus/contracts"),
            reportPath: arguments.value("--report", default: "demo-report.json"),
            programDirectory: programDirectory,
            dataDirectory: arguments.flags["--data-dir"],
            contractLimit: arguments.flags["--limit"].flatMap(Int.init)
        )
        options.logToFile = ProcessInfo.processInfo.environment["AGENTRY_LOG_LEVEL"] == nil
        let report = try await DocAssistScenario.run(options)
        if let path = options.reportPath {
            try report.jsonData().write(to: URL(fileURLWithPath: path))
        }
        print(report.summary())
        print(
            "\nreport written to \(options.reportPath ?? "(nowhere)"); server log in the data directory's agentry.log"
        )
        return report.passed ? 0 : 1
    }

    static func token(_ arguments: Arguments) throws -> Int32 {
        try arguments.only(["--config", "--tenant", "--user", "--scope", "--ttl", "--port", "--data-dir"])
        guard arguments.positional.first == "issue" else { throw UsageError("expected `token issue`") }
        let config = try loadConfig(arguments)
        guard let tenant = arguments.flags["--tenant"], let user = arguments.flags["--user"], !user.isEmpty else {
            throw UsageError("`--tenant` and a non-empty `--user` are required")
        }
        if let ttl = arguments.flags["--ttl"], (Int(ttl) ?? 0) <= 0 {
            throw UsageError("`--ttl` must be a positive number of seconds")
        }
        let identity = try IdentityPlane(
            config: config,
            issuerURL: config.server.issuer ?? "http://\(config.server.host):\(config.server.port)",
            keysDirectory: URL(fileURLWithPath: config.server.dataDirectory).appendingPathComponent("keys")
        )
        let scopes = Set(arguments.value("--scope", default: "").split(separator: " ").map(String.init))
        let ttl = TimeInterval(arguments.flags["--ttl"].flatMap(Int.init) ?? config.server.userTokenTTLSeconds)
        print(try identity.issueUserToken(tenant: tenant, user: user, scopes: scopes, ttl: ttl))
        return 0
    }

    static func report(_ arguments: Arguments) throws -> Int32 {
        try arguments.only(["--config", "--data-dir", "--port"])
        guard arguments.positional.first == "usage" else { throw UsageError("expected `report usage`") }
        let config = try loadConfig(arguments)
        let ledger = try UsageLedger(path: config.server.dataDirectory + "/usage.sqlite")
        let report = try ledger.report()
        if arguments.has("--json") {
            print(String(decoding: try report.jsonData(), as: UTF8.self))
        } else {
            print(report.renderTable())
        }
        return 0
    }
}
