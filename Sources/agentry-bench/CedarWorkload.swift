import AgentryCore
import Authorization
import Foundation

/// The benchmark inputs of a directory like `../shared/bench/cedar/`: policies, entities, requests and the
/// reference engine's decisions, parsed once.
struct CedarWorkload {
    /// One request line, kept as parsed JSON (for the timed parse-and-decide pass) and as a built request.
    struct Item {
        let json: JSONValue
        let request: AuthorizationRequest
    }

    /// A reference answer: `Allow`/`Deny` and the determining policy ids.
    struct Expected: Decodable {
        let decision: String
        let reasons: [String]
        let errors: Int
    }

    let policies: PolicySet
    let entities: Entities
    let items: [Item]
    let expected: [Expected]

    /// Reads `policies.cedar`, `entities.json`, `requests.jsonl` and `expected.jsonl` from `directory`.
    init(directory: URL) throws {
        func text(_ name: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        func lines(_ name: String) throws -> [Data] {
            try text(name).split(separator: "\n").filter { !$0.isEmpty }.map { Data($0.utf8) }
        }
        policies = try PolicySet(text: try text("policies.cedar"))
        entities = try Entities(jsonText: try text("entities.json"))
        items = try lines("requests.jsonl").map { line in
            let json = try JSONValue.parse(line)
            return Item(json: json, request: try CedarWorkload.request(json))
        }
        let decoder = JSONDecoder()
        expected = try lines("expected.jsonl").map { try decoder.decode(Expected.self, from: $0) }
        guard expected.count == items.count else {
            throw BenchUsageError("requests.jsonl and expected.jsonl differ in length")
        }
    }

    /// Builds a request from one `requests.jsonl` object.
    static func request(_ json: JSONValue) throws -> AuthorizationRequest {
        try AuthorizationRequest(
            principal: EntityUID(json: json["principal"]),
            action: EntityUID(json: json["action"]),
            resource: EntityUID(json: json["resource"]),
            context: json["context"] == .null ? .object([:]) : json["context"]
        )
    }

    /// True when `response` is the reference answer: same decision, same reasons, same number of errors.
    static func agrees(_ response: AuthorizationResponse, _ expected: Expected) -> Bool {
        response.decision.rawValue == expected.decision.lowercased()
            && response.reasons == Set(expected.reasons)
            && response.errors.count == expected.errors
    }
}
