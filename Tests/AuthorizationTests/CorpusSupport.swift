import Foundation

@testable import Authorization

/// Locates `../shared/corpus/cedar` beside the package root and runs its tests.
enum CorpusSupport {
    /// The corpus directory, or nil when it is absent.
    static let corpusRoot: URL? = {
        var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                let corpus = directory.deletingLastPathComponent().appendingPathComponent("shared/corpus/cedar")
                return FileManager.default.fileExists(atPath: corpus.path) ? corpus : nil
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    /// The test files of the fuzzer corpus (`corpus-tests/<id>.json`), sorted.
    static func fuzzerTestFiles(root: URL) throws -> [URL] {
        let folder = root.appendingPathComponent("corpus-tests")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".entities.json") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    /// The outcome of one corpus request.
    struct Outcome {
        let test: String
        let request: String
        let agrees: Bool
        let detail: String
        /// True when the inputs use a form only a schema can convert (a bare `{"type", "id"}` entity reference).
        var needsSchema = false
    }

    /// True when `json` holds an object with exactly the keys `type` and `id` outside an `__entity` escape.
    static func hasImplicitEntity(_ json: CedarJSON) -> Bool {
        switch json {
        case .array(let items): return items.contains(where: hasImplicitEntity)
        case .object(let members):
            if Set(members.map(\.0)) == ["type", "id"] { return true }
            return members.contains {
                $0.0 != "__entity" && $0.0 != "uid" && $0.0 != "parents" && hasImplicitEntity($0.1)
            }
        default: return false
        }
    }

    /// Runs every request of one test file; `transform` rewrites the parsed policy set first (for example a
    /// format or JSON round trip), and a transform that throws counts as a disagreement.
    static func run(
        testFile: URL,
        root: URL,
        transform: (PolicySet) throws -> PolicySet = { $0 }
    ) -> [Outcome] {
        guard let data = try? Data(contentsOf: testFile), let text = String(data: data, encoding: .utf8),
            let json = try? CedarJSONReader.read(Array(text.utf8))
        else { return [Outcome(test: testFile.lastPathComponent, request: "-", agrees: false, detail: "bad json")] }
        let name = testFile.lastPathComponent
        func read(_ key: String) -> String? {
            guard let path = json[key]?.string else { return nil }
            return try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }
        let policies: PolicySet
        let entities: Entities
        do {
            policies = try transform(try PolicySet(text: read("policies") ?? ""))
            entities = try Entities(jsonText: read("entities") ?? "[]")
        } catch {
            return [Outcome(test: name, request: "-", agrees: false, detail: "setup: \(error)")]
        }
        guard case .array(let requests)? = json["requests"] else { return [] }
        let entityJSON = (try? CedarJSONReader.read(Array((read("entities") ?? "[]").utf8))) ?? .null
        let entitiesNeedSchema = hasImplicitEntity(entityJSON)
        return requests.map { request in
            var outcome = check(request, test: name, policies: policies, entities: entities)
            outcome.needsSchema = entitiesNeedSchema || hasImplicitEntity(request["context"] ?? .null)
            return outcome
        }
    }

    private static func check(_ json: CedarJSON, test: String, policies: PolicySet, entities: Entities) -> Outcome {
        let label = json["description"]?.string ?? "?"
        do {
            let request = try AuthorizationRequest(
                principal: EntityUID(cedarJSON: json["principal"] ?? .null, context: "principal"),
                action: EntityUID(cedarJSON: json["action"] ?? .null, context: "action"),
                resource: EntityUID(cedarJSON: json["resource"] ?? .null, context: "resource"),
                contextJSON: json["context"] ?? .object([])
            )
            let response = Authorizer().isAuthorized(request, policies: policies, entities: entities)
            let expectedDecision = json["decision"]?.string ?? ""
            let expectedReasons = Set(strings(json["reason"]))
            let expectedErrors = Set(strings(json["errors"]))
            let agrees =
                response.decision.rawValue == expectedDecision && response.reasons == expectedReasons
                && response.erroringPolicyIDs == expectedErrors
            let detail =
                "expected \(expectedDecision) \(expectedReasons.sorted()) \(expectedErrors.sorted()); got "
                + "\(response.decision.rawValue) \(response.reasons.sorted()) \(response.errors.map(\.error.message))"
            return Outcome(test: test, request: label, agrees: agrees, detail: detail)
        } catch {
            return Outcome(test: test, request: label, agrees: false, detail: "request: \(error)")
        }
    }

    private static func strings(_ json: CedarJSON?) -> [String] {
        guard case .array(let items)? = json else { return [] }
        return items.compactMap(\.string)
    }
}
