import AgentryCore
import Authorization
import Foundation

/// One test file of a conformance corpus.
struct ConformanceTest {
    let directory: URL
    let path: String

    /// The text of the file at `relative`, which must resolve (symbolic links included) to a file inside the
    /// corpus directory. Failures name the field and path but never quote the file's content.
    private func text(_ relative: String, field: String) throws(SchemaError) -> String {
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        let target = root.appendingPathComponent(relative).standardizedFileURL.resolvingSymlinksInPath()
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard !relative.hasPrefix("/"), target.path.hasPrefix(prefix) else {
            throw SchemaError(
                code: "conformance.path_outside_corpus",
                message: "the \(field) path `\(relative)` leads outside the corpus directory"
            )
        }
        guard let data = FileManager.default.contents(atPath: target.path) else {
            throw SchemaError(
                code: "conformance.file_unreadable",
                message: "the \(field) file `\(relative)` does not exist or cannot be read"
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SchemaError(
                code: "conformance.file_not_utf8",
                message: "the \(field) file `\(relative)` is not valid UTF-8"
            )
        }
        return text
    }

    func run(into outcome: inout ConformanceRunner.TestOutcome) throws {
        let test = try CedarJSONReader.read(Array(try text(path, field: "test").utf8))
        guard let policiesPath = test["policies"]?.string, let entitiesPath = test["entities"]?.string,
            let schemaPath = test["schema"]?.string, case .bool(let shouldValidate)? = test["shouldValidate"],
            case .array(let requests)? = test["requests"]
        else { throw SchemaError.invalid("malformed test file") }

        // Parse everything with the schema, as the reference harness does.
        let policies = try PolicySet(text: try text(policiesPath, field: "policies"))
        let schemaText = try text(schemaPath, field: "schema")
        let schema = schemaPath.hasSuffix(".json") ? try Schema(jsonText: schemaText) : try Schema(text: schemaText)
        let entities = try schema.entities(jsonText: try text(entitiesPath, field: "entities"))

        // The validation verdict counts as one extra failure when it disagrees.
        let result = Validator(schema: schema).validate(policies)
        if result.passed == shouldValidate {
            outcome.validationAgreed = true
        } else {
            let detail = result.errors.first.map { ": \($0.message)" } ?? ""
            outcome.failures.append(
                "\(path): validation expected \(shouldValidate ? "pass" : "fail"), got "
                    + "\(result.passed ? "pass" : "fail")\(detail)"
            )
        }

        for (index, request) in requests.enumerated() {
            if let failure = check(request, index: index, policies: policies, schema: schema, entities: entities) {
                outcome.failures.append("\(path) \(failure)")
            } else {
                outcome.passed += 1
            }
        }
    }

    /// Returns a failure line, or nil when the request agrees.
    private func check(
        _ json: CedarJSON,
        index: Int,
        policies: PolicySet,
        schema: Schema,
        entities: Entities
    ) -> String? {
        let name = "[\(json["description"]?.string ?? "request \(index)")]"
        let request: AuthorizationRequest
        do {
            request = try makeRequest(json, schema: schema)
        } catch {
            return "\(name): request rejected: \(error)"
        }
        let response = Authorizer().isAuthorized(request, policies: policies, entities: entities)
        let expectedDecision = json["decision"]?.string ?? ""
        let expectedReasons = Set(strings(json["reason"]))
        let expectedErrors = Set(strings(json["errors"]))
        let gotErrors = response.erroringPolicyIDs
        guard response.decision.rawValue == expectedDecision, response.reasons == expectedReasons,
            gotErrors == expectedErrors
        else {
            return
                "\(name): expected \(expectedDecision) \(expectedReasons.sorted()) errors \(expectedErrors.sorted()), "
                + "got \(response.decision.rawValue) \(response.reasons.sorted()) errors \(gotErrors.sorted())"
        }
        return nil
    }

    private func makeRequest(_ json: CedarJSON, schema: Schema) throws -> AuthorizationRequest {
        func uid(_ key: String) throws -> EntityUID {
            guard let value = json[key] else { throw SchemaError.request("the request has no `\(key)`") }
            return try EntityUID(cedarJSON: value, context: key)
        }
        let action = try uid("action")
        let context = try schema.context(cedarJSON: json["context"] ?? .object([]), for: action)
        let request = AuthorizationRequest(
            principal: try uid("principal"),
            action: action,
            resource: try uid("resource"),
            context: context
        )
        if case .bool(false)? = json["validateRequest"] { return request }
        try schema.validateRequest(request)
        return request
    }

    private func strings(_ json: CedarJSON?) -> [String] {
        guard case .array(let items)? = json else { return [] }
        return items.compactMap(\.string)
    }
}
