import AgentryCore
import AgentryServer
import Foundation
import PolicyStore
import Tenancy

/// `agentry policy list|show|publish|candidate|promote|discard|rollback|mode|audit`: an operator's access to the
/// policy store of a data directory (stop nothing: the store is shared safely with a running server, which picks
/// changes up when it restarts or reloads).
///
/// `--tenant ID` acts on that tenant's layer (recorded in the audit as `cli:<user>`); `--platform` reads the
/// platform layer, whose only source is the deployment's policy file.
enum PolicyStoreCommands {
    static func run(_ words: [String], _ arguments: Arguments) throws -> Int32 {
        try arguments.only([
            "--config", "--data-dir", "--tenant", "--policies", "--schema", "--comment", "--expected-version",
        ])
        let config = try Commands.loadConfig(arguments)
        let data = URL(fileURLWithPath: config.server.dataDirectory)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let store = try PolicyStore(
            path: data.appendingPathComponent("policies.sqlite").path,
            validator: SchemaPolicyValidator()
        )
        let caller = try self.caller(arguments, config)
        let output: JSONValue
        do {
            output = try perform(words, arguments, store.administration, caller)
        } catch let error as PolicyStoreError {
            // The findings say where the text is wrong; the bare code and message would not.
            FileHandle.standardError.write(Data(describe(error).utf8))
            return 1
        }
        store.flushDecisionLog()
        print(output.serializedString())
        return 0
    }

    /// `agentry: <code>: <message>` and one indented line per finding, `line:column: [policy] code: message`.
    static func describe(_ error: PolicyStoreError) -> String {
        var lines = ["agentry: \(error.code): \(error.message)"]
        for finding in error.findings {
            let position = finding.line.map { line in "\(line):\(finding.column ?? 0): " } ?? ""
            let policy = finding.policyID.map { "[\($0)] " } ?? ""
            lines.append("  \(finding.severity.rawValue): \(position)\(policy)\(finding.code): \(finding.message)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func caller(_ arguments: Arguments, _ config: DeploymentConfig) throws -> PolicyCaller {
        let actor = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "operator")
        switch (arguments.flags["--tenant"], arguments.has("--platform")) {
        case (let tenant?, false):
            // A layer for a tenant the deployment does not know would never be enforced: refuse a typo.
            guard config.tenant(tenant) != nil else {
                throw CodedError("cli.unknown_tenant", "the deployment has no tenant `\(tenant)`", status: 400)
            }
            return try PolicyCaller.tenantAdmin(tenant: tenant, actor: actor)
        case (nil, true): return try PolicyCaller.platformAdmin(actor: actor)
        default: throw UsageError("give exactly one of `--tenant ID` or `--platform`")
        }
    }

    private static func perform(
        _ words: [String],
        _ arguments: Arguments,
        _ admin: PolicyAdministration,
        _ caller: PolicyCaller
    ) throws -> JSONValue {
        let operand = words.dropFirst().first
        switch words.first {
        case "list": return .object(["versions": .array(try admin.versions(for: caller).map(\.json))])
        case "show":
            if let operand {
                guard let number = Int(operand) else { throw UsageError("the version must be a number") }
                return try admin.version(number, for: caller).json
            }
            let active = try admin.current(for: caller)?.json ?? .null
            return ["status": try admin.status(for: caller).json, "active": active]
        case "audit": return .object(["entries": .array(try admin.audit(LogQuery(), for: caller).map(\.json))])
        case "publish": return try admin.publish(try publishRequest(arguments, admin, caller), by: caller).json
        case "candidate":
            return try admin.proposeCandidate(try publishRequest(arguments, admin, caller), by: caller).json
        case "promote": return try admin.promote(CandidateRequest(), by: caller).json
        case "discard": return try admin.discard(CandidateRequest(), by: caller).json
        case "rollback":
            guard let number = operand.flatMap({ Int($0) }) else { throw UsageError("`rollback N` needs a version") }
            let latest = try admin.status(for: caller).latestVersion
            return try admin.rollback(RollbackRequest(toVersion: number, expectedVersion: latest), by: caller).json
        case "mode":
            guard let operand, let mode = EnforcementMode(rawValue: operand) else {
                throw UsageError("`mode` needs `enforce` or `log_only`")
            }
            return try admin.setMode(ModeRequest(mode: mode), by: caller).json
        default: throw UsageError("unknown policy command")
        }
    }

    private static func publishRequest(
        _ arguments: Arguments,
        _ admin: PolicyAdministration,
        _ caller: PolicyCaller
    ) throws -> PublishRequest {
        guard case .tenant = caller.scope else {
            throw UsageError("the platform layer is the deployment's policy file: edit it and restart the server")
        }
        guard let path = arguments.flags["--policies"] else { throw UsageError("`--policies FILE` is required") }
        let expected: Int
        if let given = arguments.flags["--expected-version"] {
            guard let number = Int(given) else { throw UsageError("`--expected-version` must be a number") }
            expected = number
        } else {
            expected = try admin.status(for: caller).latestVersion
        }
        return try PublishRequest(
            policies: try Commands.readText(path),
            schema: try arguments.flags["--schema"].map { .replace(try Commands.readText($0)) } ?? .keep,
            expectedVersion: expected,
            comment: arguments.value("--comment", default: "")
        )
    }
}
