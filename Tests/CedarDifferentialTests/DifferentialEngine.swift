import Authorization

/// Answers differential cases with Agentry's engine, in the reference engine's order: policies are parsed first,
/// then entities, then each request.
enum DifferentialEngine {
    /// Agentry's answer to every request of `testCase`, in order.
    static func answers(_ testCase: DifferentialCase) -> [DifferentialAnswer] {
        let policies: PolicySet
        do {
            policies = try PolicySet(text: testCase.policies)
        } catch {
            return testCase.requests.map { _ in .failure("policies_error") }
        }
        let entities: Entities
        do {
            entities = try Entities(jsonText: testCase.entities)
        } catch {
            return testCase.requests.map { _ in .failure("entities_error") }
        }
        return testCase.requests.map { answer($0, policies: policies, entities: entities) }
    }

    private static func answer(
        _ request: DifferentialRequest,
        policies: PolicySet,
        entities: Entities
    ) -> DifferentialAnswer {
        let query: AuthorizationRequest
        do {
            query = try AuthorizationRequest(
                principal: request.principal.uid,
                action: request.action.uid,
                resource: request.resource.uid,
                contextText: request.context
            )
        } catch {
            return .failure("request_error")
        }
        let response = Authorizer().isAuthorized(query, policies: policies, entities: entities)
        return DifferentialAnswer(
            outcome: response.decision.rawValue,
            reasons: response.reasons.sorted(),
            errors: response.erroringPolicyIDs.sorted()
        )
    }

    /// The disagreements of a case, each as a one-request case carrying cedarpy's answer, plus Agentry's answer.
    static func disagreements(_ testCase: DifferentialCase) -> [(fixture: DifferentialCase, ours: DifferentialAnswer)] {
        let ours = answers(testCase)
        var found: [(DifferentialCase, DifferentialAnswer)] = []
        for (index, (request, answer)) in zip(testCase.requests, ours).enumerated() where request.expected != answer {
            var fixture = testCase
            fixture.name = "\(testCase.name)-req\(index)"
            fixture.requests = [request]
            found.append((fixture, answer))
        }
        return found
    }
}
