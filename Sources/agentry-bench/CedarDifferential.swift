import Authorization
import Foundation

/// `agentry-bench cedar diff`: answers the cases written by `scripts/cedar/differential.py` with Agentry's engine
/// and reports (and optionally saves as fixtures) every disagreement with cedarpy.
///
/// The case model mirrors `Tests/CedarDifferentialTests/DifferentialCase.swift`; a test target cannot import an
/// executable's code, so the two are kept in step by hand.
enum CedarDifferential {
    struct Case: Codable {
        var name: String
        var policies: String
        var entities: String
        var requests: [Request]
        var note: String?
    }

    struct Request: Codable {
        var principal: Reference
        var action: Reference
        var resource: Reference
        var context: String
        var expected: Answer
    }

    struct Reference: Codable {
        var type: String
        var id: String

        var uid: EntityUID { EntityUID(type: type, id: id) }
    }

    struct Answer: Codable, Hashable, CustomStringConvertible {
        var outcome: String
        var reasons: [String]
        var errors: [String]

        static func failure(_ outcome: String) -> Answer { Answer(outcome: outcome, reasons: [], errors: []) }

        var description: String { "\(outcome) reasons=\(reasons) errors=\(errors)" }
    }

    /// Runs the subcommand; exit status 1 when any case disagrees.
    static func run(_ arguments: [String]) throws -> Int32 {
        let options = try BenchArguments(arguments)
        guard let path = options.string("cases") else { throw BenchUsageError("`--cases` is required") }
        let fixtures = options.string("fixtures").map { URL(fileURLWithPath: $0) }

        let decoder = JSONDecoder()
        let text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        var requests = 0
        var disagreements = 0
        for line in text.split(separator: "\n") {
            let testCase = try decoder.decode(Case.self, from: Data(line.utf8))
            for (index, (request, ours)) in zip(testCase.requests, answers(testCase)).enumerated() {
                requests += 1
                guard request.expected != ours else { continue }
                disagreements += 1
                print("disagreement \(testCase.name)-req\(index): cedarpy \(request.expected) vs agentry \(ours)")
                if let fixtures {
                    try save(testCase, request: request, index: index, kind: kind(request.expected, ours), in: fixtures)
                }
            }
        }
        print("{\"requests\": \(requests), \"agree\": \(requests - disagreements), \"disagree\": \(disagreements)}")
        return disagreements == 0 ? 0 : 1
    }

    /// Agentry's answers, in cedarpy's order of checks: policies, then entities, then each request.
    static func answers(_ testCase: Case) -> [Answer] {
        guard let policies = try? PolicySet(text: testCase.policies) else {
            return testCase.requests.map { _ in .failure("policies_error") }
        }
        guard let entities = try? Entities(jsonText: testCase.entities) else {
            return testCase.requests.map { _ in .failure("entities_error") }
        }
        return testCase.requests.map { request in
            guard
                let query = try? AuthorizationRequest(
                    principal: request.principal.uid,
                    action: request.action.uid,
                    resource: request.resource.uid,
                    contextText: request.context
                )
            else { return .failure("request_error") }
            let response = Authorizer().isAuthorized(query, policies: policies, entities: entities)
            return Answer(
                outcome: response.decision.rawValue,
                reasons: response.reasons.sorted(),
                errors: response.erroringPolicyIDs.sorted()
            )
        }
    }

    /// What kind of disagreement this is (`deny-vs-allow`, `allow-vs-allow-errors`, …); one fixture is kept per
    /// kind, so a fault that recurs in every batch does not flood the fixtures directory.
    private static func kind(_ expected: Answer, _ ours: Answer) -> String {
        var kind = "\(expected.outcome)-vs-\(ours.outcome)"
        if expected.outcome == ours.outcome {
            kind += expected.reasons != ours.reasons ? "-reasons" : ""
            kind += expected.errors != ours.errors ? "-errors" : ""
        }
        return kind
    }

    private static func save(_ testCase: Case, request: Request, index: Int, kind: String, in directory: URL) throws {
        let file = directory.appendingPathComponent("soak-\(kind).json")
        guard !FileManager.default.fileExists(atPath: file.path) else { return }
        var fixture = testCase
        fixture.name = "soak-\(kind)"
        fixture.requests = [request]
        fixture.note = "found by benchmarks/cedar-differential-soak.sh in \(testCase.name)-req\(index); minimise it"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try encoder.encode(fixture).write(to: file)
        print("saved \(file.lastPathComponent)")
    }
}
