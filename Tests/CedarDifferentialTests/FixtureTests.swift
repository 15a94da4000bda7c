import Foundation
import Testing

/// Disagreements once found with cedarpy, kept as fixed cases; they run without Python.
@Suite("Fixed differential cases")
struct FixtureTests {
    @Test("Agentry gives cedarpy's answer on every fixed case", arguments: FixtureStore.names())
    func fixture(name: String) throws {
        let testCase = try FixtureStore.load(name)
        let answers = DifferentialEngine.answers(testCase)
        try #require(answers.count == testCase.requests.count)
        for (request, answer) in zip(testCase.requests, answers) {
            #expect(answer == request.expected, "\(name): cedarpy \(request.expected) vs agentry \(answer)")
        }
    }

    @Test("the fixtures directory holds only readable cases")
    func fixturesDecode() throws {
        for name in FixtureStore.names() {
            let testCase = try FixtureStore.load(name)
            #expect(!testCase.requests.isEmpty, "\(name) has no request")
        }
    }
}
