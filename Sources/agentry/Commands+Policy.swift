import AgentryCore
import AgentryServer
import Authorization
import CedarSchema
import Foundation

/// `agentry policy validate|authorize|format|conformance`: the Cedar engine on files, no server needed.
extension Commands {
    static func policy(_ arguments: Arguments) throws -> Int32 {
        let rest = arguments.droppingFirstWord()
        switch arguments.positional.first {
        case "validate": return try policyValidate(rest)
        case "authorize": return try policyAuthorize(rest)
        case "format": return try policyFormat(rest)
        case "conformance": return try policyConformance(rest)
        case "list", "show", "publish", "candidate", "promote", "discard", "rollback", "mode", "audit":
            return try PolicyStoreCommands.run(arguments.positional, rest)
        case let other?: throw UsageError("unknown policy command `\(other)`")
        case nil: throw UsageError("a policy command is required")
        }
    }

    /// Reads a policy file: Cedar text, or Cedar's JSON policy format when the file name ends in `.json`.
    ///
    /// A policy's `@id("…")` names it, as in the server and the policy store, so findings and reasons carry the
    /// ids an administrator wrote; policies without one are `policy0`, `policy1`, … as Cedar numbers them.
    static func readPolicies(_ path: String) throws -> PolicySet {
        let text = try readText(path)
        return path.hasSuffix(".json") ? try PolicySet(jsonText: text) : try PolicySet(text: text, idAnnotations: true)
    }

    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CodedError("cli.file_unreadable", "cannot read `\(path)`", status: 400)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CodedError("cli.file_not_utf8", "`\(path)` is not UTF-8 text", status: 400)
        }
        return text
    }

    private static func required(_ arguments: Arguments, _ flag: String) throws -> String {
        guard let value = arguments.flags[flag] else { throw UsageError("`\(flag) FILE` is required") }
        return value
    }

    private static func policyValidate(_ arguments: Arguments) throws -> Int32 {
        try arguments.only(["--policies", "--schema"])
        let (policiesPath, schemaPath) = (try required(arguments, "--policies"), try required(arguments, "--schema"))
        let policies = try readPolicies(policiesPath)
        let schema = try SchemaPolicyValidator.schema(try readText(schemaPath))
        let result = Validator(schema: schema).validate(policies)
        if arguments.has("--json") {
            let findings = result.findings.map { finding -> JSONValue in
                [
                    "policy": .string(finding.policyID), "code": .string(finding.code),
                    "message": .string(finding.message), "severity": .string(finding.isWarning ? "warning" : "error"),
                ]
            }
            print(JSONValue.object(["valid": .bool(result.passed), "findings": .array(findings)]).serializedString())
        } else {
            for finding in result.findings { print((finding.isWarning ? "warning: " : "error: ") + "\(finding)") }
            print(result.passed ? "policies are valid" : "validation failed: \(result.errors.count) error(s)")
        }
        return result.passed ? 0 : 1
    }

    private static func policyAuthorize(_ arguments: Arguments) throws -> Int32 {
        try arguments.only(["--policies", "--entities", "--request", "--schema"])
        let policies = try readPolicies(try required(arguments, "--policies"))
        // The request is read with Cedar's own JSON reader: integers stay exact 64-bit values (a `Double` would
        // round 2^53 + 1) and `1.0` is refused as Cedar refuses it.
        let requestJSON = try CedarJSONReader.read(Array(try readText(try required(arguments, "--request")).utf8))
        let entitiesText = try arguments.flags["--entities"].map(readText) ?? "[]"
        let request: AuthorizationRequest
        let entities: Entities
        if let schemaPath = arguments.flags["--schema"] {
            let schema = try SchemaPolicyValidator.schema(try readText(schemaPath))
            let plain = try AuthorizationRequest(requestJSON: requestJSON.removingContext)
            let context = requestJSON["context"] ?? .object([])
            request = AuthorizationRequest(
                principal: plain.principal,
                action: plain.action,
                resource: plain.resource,
                context: try schema.context(cedarJSON: context, for: plain.action)
            )
            try schema.validateRequest(request)
            entities = try schema.entities(jsonText: entitiesText)
        } else {
            request = try AuthorizationRequest(requestJSON: requestJSON)
            entities = try Entities(jsonText: entitiesText)
        }
        let response = Authorizer().isAuthorized(request, policies: policies, entities: entities)
        print(response.jsonText())
        return 0
    }

    private static func policyFormat(_ arguments: Arguments) throws -> Int32 {
        try arguments.only(["--policies", "--to"])
        guard let path = arguments.flags["--policies"] ?? arguments.positional.first else {
            throw UsageError("a policy file is required")
        }
        let target = arguments.value("--to", default: "cedar")
        guard ["cedar", "json"].contains(target) else {
            throw UsageError("`--to` must be `cedar` or `json`, not `\(target)`")
        }
        let policies = try readPolicies(path)
        print(target == "json" ? policies.jsonText() : policies.formatted(), terminator: target == "json" ? "\n" : "")
        return 0
    }

    private static func policyConformance(_ arguments: Arguments) throws -> Int32 {
        try arguments.only([])
        guard let path = arguments.positional.first else { throw UsageError("the corpus directory is required") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("`\(path)` is not a directory")
        }
        let report = ConformanceRunner(directory: URL(fileURLWithPath: path)).run()
        guard report.tests > 0 else {
            print("no conformance tests found: expected `tests/**/*.json` or `corpus-tests/*.json` under `\(path)`")
            return 1
        }
        for line in report.failures { print(line) }
        print("\(report.tests) tests; validation verdicts agree for \(report.validationAgreements)")
        print("\(report.passed) passed, \(report.failed) failed")
        return report.isSuccess ? 0 : 1
    }
}

extension CedarJSON {
    /// The request without its context (the context is parsed separately, with the schema).
    fileprivate var removingContext: CedarJSON {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { $0.0 != "context" })
    }
}
