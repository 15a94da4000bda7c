import AgentryCore

@testable import Authorization

/// Shared entities and requests for the evaluator and authorizer tests.
enum Fixtures {
    static let entitiesJSON = """
        [
          {"uid": {"type": "User", "id": "alice"},
           "attrs": {"name": "alice", "age": 30, "labels": ["a", "b"], "address": {"city": "Paris"},
                     "manager": {"__entity": {"type": "User", "id": "bob"}},
                     "limit": {"__extn": {"fn": "decimal", "arg": "12.5"}}},
           "parents": [{"type": "Group", "id": "admins"}],
           "tags": {"clearance": "high"}},
          {"uid": {"type": "User", "id": "bob"}, "attrs": {}, "parents": []},
          {"uid": {"type": "Group", "id": "admins"}, "attrs": {}, "parents": [{"type": "Group", "id": "staff"}]},
          {"uid": {"type": "Group", "id": "staff"}, "attrs": {}, "parents": []},
          {"uid": {"type": "Action", "id": "read"}, "attrs": {}, "parents": [{"type": "Action", "id": "readOnly"}]},
          {"uid": {"type": "Action", "id": "readOnly"}, "attrs": {}, "parents": []}
        ]
        """

    static let contextJSON = """
        {"n": 5, "flag": true, "src": {"__extn": {"fn": "ip", "arg": "10.1.2.3"}}, "big": 9223372036854775807}
        """

    static func entities() throws -> Entities {
        try Entities(jsonText: entitiesJSON)
    }

    static func request(principal: String = "alice", action: String = "read") throws -> AuthorizationRequest {
        try AuthorizationRequest(
            principal: EntityUID(type: "User", id: principal),
            action: EntityUID(type: "Action", id: action),
            resource: EntityUID(type: "Doc", id: "d1"),
            contextText: contextJSON
        )
    }

    /// The result of evaluating one expression: a value, or the fact that it errored.
    enum Outcome: Equatable, CustomStringConvertible {
        case value(CedarValue)
        case error

        var description: String {
            switch self {
            case .value(let value): "\(value)"
            case .error: "error"
            }
        }
    }

    /// Parses and evaluates a single expression against the fixtures.
    static func evaluate(_ text: String) throws -> Outcome {
        var parser = try Parser(text: text)
        let expr = try parser.expression()
        let evaluator = Evaluator(request: try request(), entities: try entities())
        do {
            return .value(try evaluator.evaluate(expr))
        } catch {
            return .error
        }
    }
}
