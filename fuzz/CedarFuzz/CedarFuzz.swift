import Authorization

#if FUZZ_SCHEMA
import CedarSchema
#endif

/// libFuzzer entry point: feeds one input to every Cedar reader, and evaluates whatever policies parse.
///
/// The same bytes are tried as policy text, entity JSON, request context JSON and (with `FUZZ_SCHEMA` defined)
/// schema text and schema JSON. Parse failures are expected and ignored; a crash, a trap or a hang (caught by
/// libFuzzer's `-timeout`) is a finding. Built and run by `benchmarks/fuzz-cedar.sh`, never by CI.
@_cdecl("LLVMFuzzerTestOneInput")
public func cedarFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    CedarFuzzTarget.policies(text)
    CedarFuzzTarget.data(text)
    #if FUZZ_SCHEMA
    _ = try? Schema(text: text)
    _ = try? Schema(jsonText: text)
    #endif
    return 0
}

/// The pieces of one fuzz iteration.
enum CedarFuzzTarget {
    /// A small fixed store: a user in a group, a document in a folder, an action in a group, with attributes and
    /// tags of several types, so evaluation reaches attribute, hierarchy, tag and extension code.
    static let entities: Entities = {
        let json = """
            [{"uid": {"type": "User", "id": "alice"}, "parents": [{"type": "Group", "id": "staff"}],
              "attrs": {"age": 42, "name": "Alice", "tags": ["a", "b"], "addr": {"__extn": {"fn": "ip",
              "arg": "10.0.0.1"}}, "profile": {"city": "Paris", "score": 9223372036854775807}},
              "tags": {"role": "admin", "level": 3}},
             {"uid": {"type": "Group", "id": "staff"}, "attrs": {}, "parents": []},
             {"uid": {"type": "Doc", "id": "d1"}, "parents": [{"type": "Folder", "id": "f"}],
              "attrs": {"owner": {"__entity": {"type": "User", "id": "alice"}}, "amount": {"__extn":
              {"fn": "decimal", "arg": "12.5"}}, "when": {"__extn": {"fn": "datetime", "arg": "2024-01-01"}}}},
             {"uid": {"type": "Folder", "id": "f"}, "attrs": {}, "parents": []},
             {"uid": {"type": "Action", "id": "read"}, "attrs": {}, "parents": [{"type": "Action", "id": "all"}]}]
            """
        return (try? Entities(jsonText: json)) ?? .empty
    }()

    static let requests: [AuthorizationRequest] = [
        request(principal: "alice", context: #"{"n": 1, "flag": true, "s": "x*y"}"#),
        request(principal: "nobody", context: #"{"ttl": {"__extn": {"fn": "duration", "arg": "1h"}}}"#),
    ].compactMap { $0 }

    private static func request(principal: String, context: String) -> AuthorizationRequest? {
        try? AuthorizationRequest(
            principal: EntityUID(type: "User", id: principal),
            action: EntityUID(type: "Action", id: "read"),
            resource: EntityUID(type: "Doc", id: "d1"),
            contextText: context
        )
    }

    /// Parses `text` as policies (with and without `@id` ids) and evaluates them against every request.
    static func policies(_ text: String) {
        guard let policies = try? PolicySet(text: text) else { return }
        _ = try? PolicySet(text: text, idAnnotations: true)
        let authorizer = Authorizer()
        for request in requests {
            _ = authorizer.isAuthorized(request, policies: policies, entities: entities)
        }
    }

    /// A policy that walks the hierarchy and reads attributes, for evaluating fuzzed entity documents.
    static let probe = try? PolicySet(
        text: """
            permit(principal in Group::"staff", action, resource) when { principal.age > 1 };
            forbid(principal, action, resource) when { resource.owner == principal && principal.hasTag("role") };
            """
    )

    /// Parses `text` as an entity document (evaluated with ``probe``) and as a request context.
    static func data(_ text: String) {
        if let parsed = try? Entities(jsonText: text), let probe {
            for request in requests { _ = Authorizer().isAuthorized(request, policies: probe, entities: parsed) }
        }
        _ = try? AuthorizationRequest(
            principal: EntityUID(type: "User", id: "alice"),
            action: EntityUID(type: "Action", id: "read"),
            resource: EntityUID(type: "Doc", id: "d1"),
            contextText: text
        )
    }
}
