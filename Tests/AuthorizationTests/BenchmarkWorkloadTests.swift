import Foundation
import Testing

@testable import Authorization

/// The shared benchmark workload (`../shared/bench/cedar`): decisions must match the reference engine's, and the
/// scope index must pick exactly the decisions an exhaustive evaluation gives.
@Suite("Benchmark workload")
struct BenchmarkWorkloadTests {
    static var benchRoot: URL? {
        guard let corpus = CorpusSupport.corpusRoot else { return nil }
        let bench = corpus.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("bench/cedar")
        return FileManager.default.fileExists(atPath: bench.path) ? bench : nil
    }

    @Test("every benchmark decision agrees with expected.jsonl and with exhaustive evaluation")
    func decisions() throws {
        guard let root = Self.benchRoot else {
            print("skipping: ../shared/bench/cedar is absent")
            return
        }
        func read(_ name: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
        }
        let policies = try PolicySet(text: try read("policies.cedar"))
        let entities = try Entities(jsonText: try read("entities.json"))
        let requests = try read("requests.jsonl").split(separator: "\n")
        let expected = try read("expected.jsonl").split(separator: "\n")
        #expect(requests.count == expected.count)
        var agree = 0
        for (line, want) in zip(requests, expected) {
            let request = try AuthorizationRequest(jsonText: String(line))
            let indexed = Authorizer().isAuthorized(request, policies: policies, entities: entities)
            let exhaustive = Authorizer().isAuthorizedExhaustively(request, policies: policies, entities: entities)
            #expect(indexed.decision == exhaustive.decision && indexed.reasons == exhaustive.reasons)
            #expect(indexed.errors == exhaustive.errors)
            let json = try CedarJSONReader.read(Array(want.utf8))
            let reasons: [String] = {
                guard case .array(let items)? = json["reasons"] else { return [] }
                return items.compactMap(\.string)
            }()
            if json["decision"]?.string?.lowercased() == indexed.decision.rawValue, Set(reasons) == indexed.reasons,
                indexed.errors.isEmpty
            {
                agree += 1
            }
        }
        print("benchmark: \(agree) of \(requests.count) decisions agree with the reference engine")
        #expect(agree == requests.count)
    }

    @Test("linked policies are indexed like static ones")
    func linkedIndex() throws {
        var set = try PolicySet(
            text: """
                permit(principal in ?principal, action in [Action::"readOnly"], resource == ?resource);
                permit(principal == ?principal, action == Action::"read", resource is Doc);
                """
        )
        try set.link(
            templateID: "policy0",
            newID: "a",
            values: [.principal: EntityUID(type: "Group", id: "staff"), .resource: EntityUID(type: "Doc", id: "d1")]
        )
        try set.link(templateID: "policy1", newID: "b", values: [.principal: EntityUID(type: "User", id: "bob")])
        try set.link(templateID: "policy1", newID: "c", values: [.principal: EntityUID(type: "User", id: "alice")])
        let request = try Fixtures.request()
        let indexed = Authorizer().isAuthorized(request, policies: set, entities: try Fixtures.entities())
        #expect(indexed.reasons == ["a", "c"])
        let exhaustive = Authorizer().isAuthorizedExhaustively(
            request,
            policies: set,
            entities: try Fixtures.entities()
        )
        #expect(exhaustive.reasons == indexed.reasons)
    }
}
