import AgentryCore
import AgentryServer
import Foundation
import HTTP
import Runtime
import Telemetry
import Tenancy

/// Runs the DocAssist scenario against a real Agentry server on loopback and checks what actually happened.
///
/// Two tenants (`smallfirm` pooled, `bigbank` siloed), contracts dealt between them, three users:
/// `alice@smallfirm` (may bill), `bob@smallfirm` (may not), `carol@bigbank` (may bill).
public struct DocAssistScenario: Sendable {
    static let small = "smallfirm"
    static let big = "bigbank"
    static let questions = [
        "Which law governs this agreement and where are disputes resolved?",
        "Under what conditions may either party terminate the agreement?",
    ]

    let http: DemoHTTP
    let server: AgentryServer
    let tokens: [String: String]
    let library: ContractLibrary
    let toolsAudit: String

    /// Starts everything, runs the scenario, stops everything and returns the report.
    public static func run(_ options: DemoOptions) async throws -> DemoReport {
        var config = try ConfigLoader.load(path: options.configPath)
        if let data = options.dataDirectory { config.server.dataDirectory = data }
        config.server.port = 0
        if options.logToFile { try redirectLogs(into: config.server.dataDirectory) }
        let toolsPort = try LoopbackPort.free()
        config.gateways = config.gateways.map { gateway in rebase(gateway, port: toolsPort) }

        let server = try await AgentryServer.start(config: config, programDirectory: options.programDirectory)
        let toolsAudit = config.server.dataDirectory + "/tools-audit.jsonl"
        try? FileManager.default.removeItem(atPath: toolsAudit)
        let tools: ToolServiceProcess
        do {
            tools = try await ToolServiceProcess(
                programDirectory: options.programDirectory,
                port: toolsPort,
                issuer: server.platform.identity.issuerURL,
                auditFile: toolsAudit
            )
        } catch {
            await server.stop()
            throw error
        }
        do {
            let scenario = try DocAssistScenario(
                server: server,
                options: options,
                toolsAudit: toolsAudit
            )
            let began = Date()
            try await scenario.ingest()
            let report = try await scenario.runChecks(since: began)
            await server.stop()
            await tools.stop()
            return report
        } catch {
            await server.stop()
            await tools.stop()
            throw error
        }
    }

    private init(server: AgentryServer, options: DemoOptions, toolsAudit: String) throws {
        self.server = server
        self.http = DemoHTTP(endpoint: server.endpoint)
        self.toolsAudit = toolsAudit
        library = try ContractLibrary(
            directory: options.contractsDirectory,
            tenants: [Self.small, Self.big],
            limit: options.contractLimit
        )
        let identity = server.platform.identity
        let ttl: TimeInterval = 3600
        tokens = [
            "alice": try identity.issueUserToken(
                tenant: Self.small,
                user: "alice",
                scopes: ["docs:read", "docs:write", "memory:write", "billing:write", "cases:write", "docs:export"],
                ttl: ttl
            ),
            "bob": try identity.issueUserToken(
                tenant: Self.small,
                user: "bob",
                scopes: ["docs:read", "memory:write", "cases:write"],
                ttl: ttl
            ),
            "carol": try identity.issueUserToken(
                tenant: Self.big,
                user: "carol",
                scopes: ["docs:read", "docs:write", "memory:write", "billing:write", "cases:write"],
                ttl: ttl
            ),
        ]
    }

    /// Points every tool URL at the demo's tool service port.
    private static func rebase(_ gateway: GatewayConfig, port: UInt16) -> GatewayConfig {
        var copy = gateway
        copy.tools = gateway.tools.map { tool in
            var rebased = tool
            if var components = URLComponents(string: tool.url) {
                components.host = "127.0.0.1"
                components.port = Int(port)
                rebased.url = components.string ?? tool.url
            }
            return rebased
        }
        return copy
    }

    /// Loads each tenant's contracts into its knowledge base through the HTTP API.
    private func ingest() async throws {
        // Documents left by earlier runs over another folder would be cited too: start from this folder only.
        for tenant in [Self.small, Self.big] {
            let kb = tenant + "-contracts"
            let current = Set((library.byTenant[tenant] ?? []).map(\.id))
            for stale in try server.platform.knowledge.documents(tenant: tenant, kb: kb)
            where !current.contains(stale.id) {
                try server.platform.knowledge.deleteDocument(tenant: tenant, kb: kb, id: stale.id)
            }
        }
        for (tenant, contracts) in library.byTenant {
            let token = tenant == Self.small ? tokens["alice"] : tokens["carol"]
            for contract in contracts {
                let reply = try await http.call(
                    "PUT",
                    "/knowledge/\(tenant)-contracts/documents/\(contract.id)",
                    token: token ?? "",
                    body: ["title": .string(contract.title), "text": .string(contract.text)]
                )
                guard reply.status == 201 else {
                    throw CodedError(
                        "demo.ingest_failed",
                        "ingesting a contract failed (\(reply.errorCode))",
                        status: 500
                    )
                }
            }
        }
    }

    private static func redirectLogs(into directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/agentry.log"
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        handle.seekToEndOfFile()
        LogSink.shared.redirect(to: handle)
    }

    static func session(_ label: String) -> String {
        "demo-\(label)-" + Identifiers.hex(bytes: 16)
    }
}
