import AgentryCore
import Authorization
import Testing

@testable import CedarSchema

@Suite("Entities, context and requests read with a schema")
struct SchemaDataTests {
    static let schemaText = """
        entity Team;
        entity User in [Team] = { ip: ipaddr, score: decimal, boss?: User, since: datetime, tags: Set<String> }
            tags duration;
        entity Size enum ["s", "m"];
        action view appliesTo { principal: User, resource: Team, context: { from: ipaddr, size?: Size } };
        action all;
        action edit in [all] appliesTo { principal: User, resource: Team };
        """

    static func user(ip: String, score: String) -> String {
        #"[{"uid": {"type": "User", "id": "x"}, "attrs": {"ip": \#(ip), "score": \#(score), "#
            + #""since": "2024-01-01", "tags": []}}]"#
    }

    private func schema() throws -> Schema { try Schema(text: Self.schemaText) }

    private let alice = EntityUID(type: "User", id: "alice")

    @Test("converts strings to extension values and {type, id} objects to entities")
    func convertsValues() throws {
        let entities = try schema().entities(
            jsonText: """
                [{"uid": {"type": "User", "id": "alice"},
                  "attrs": {"ip": "10.0.0.1", "score": "1.5", "since": "2024-01-01",
                            "boss": {"type": "User", "id": "bob"}, "tags": ["a"]},
                  "parents": [{"type": "Team", "id": "t"}], "tags": {"ttl": "1h"}},
                 {"uid": {"type": "User", "id": "bob"},
                  "attrs": {"ip": {"__extn": {"fn": "ip", "arg": "::1"}}, "score": "0.1",
                            "since": "2024-01-01T00:00:00Z", "tags": []}}]
                """
        )
        let entity = try #require(entities[alice])
        #expect(entity.attributes["boss"] == .entity(EntityUID(type: "User", id: "bob")))
        #expect(entity.attributes["score"] == .extension(.decimal(15000)))
        #expect(entity.attributes["ip"]?.typeName == "ipaddr")
        #expect(entity.tags["ttl"] == .extension(.duration(3_600_000)))
        #expect(entities.isDescendant(alice, of: EntityUID(type: "Team", id: "t")))
    }

    @Test("adds the schema's actions with their hierarchy")
    func addsActions() throws {
        let entities = try schema().entities(jsonText: "[]")
        let edit = EntityUID(type: "Action", id: "edit")
        #expect(entities[edit] != nil)
        #expect(entities.isDescendant(edit, of: EntityUID(type: "Action", id: "all")))
    }

    @Test(
        "rejects entities that break the schema",
        arguments: [
            (#"[{"uid": {"type": "Ghost", "id": "x"}}]"#, "not declared in the schema"),
            (#"[{"uid": {"type": "Team", "id": "x"}, "attrs": {"a": 1}}]"#, "should not exist according to the schema"),
            (
                #"[{"uid": {"type": "User", "id": "x"}, "attrs": {"ip": "1.2.3.4"}}]"#,
                "to exist according to the schema"
            ),
            (#"[{"uid": {"type": "Team", "id": "x"}, "parents": [{"type": "User", "id": "u"}]}]"#, "ancestor of type"),
            (#"[{"uid": {"type": "Size", "id": "xl"}}]"#, "enumerated ids"),
            (#"[{"uid": {"type": "Team", "id": "x"}, "tags": {"a": "1h"}}]"#, "declares no tags"),
            (#"[{"uid": {"type": "Action", "id": "nope"}}]"#, "not declared as an action"),
            (Self.user(ip: #""1.2.3""#, score: #""1.0""#), "invalid `ipaddr` value"),
            (Self.user(ip: #""::1""#, score: "1"), "type mismatch"),
        ]
    )
    func rejectsEntities(json: String, expected: String) throws {
        let schema = try schema()
        #expect {
            try schema.entities(jsonText: json)
        } throws: { error in
            (error as? SchemaError)?.message.contains(expected) == true
        }
    }

    @Test("reads a context with the action's context type and validates requests")
    func readsContextAndValidatesRequests() throws {
        let schema = try schema()
        let view = EntityUID(type: "Action", id: "view")
        let context = try schema.context(
            jsonText: #"{"from": "10.1.2.3", "size": {"type": "Size", "id": "s"}}"#,
            for: view
        )
        #expect(context["from"]?.typeName == "ipaddr")
        #expect(context["size"] == .entity(EntityUID(type: "Size", id: "s")))
        #expect(throws: SchemaError.self) { try schema.context(jsonText: #"{"from": 1}"#, for: view) }
        #expect(throws: SchemaError.self) { try schema.context(jsonText: #"{}"#, for: view) }

        let team = EntityUID(type: "Team", id: "t")
        try schema.validateRequest(
            AuthorizationRequest(principal: alice, action: view, resource: team, context: context)
        )
        #expect(throws: SchemaError.self) {
            try schema.validateRequest(
                AuthorizationRequest(principal: team, action: view, resource: team, context: context)
            )
        }
        #expect(throws: SchemaError.self) {
            try schema.validateRequest(AuthorizationRequest(principal: alice, action: view, resource: team))
        }
        #expect(throws: SchemaError.self) {
            let all = EntityUID(type: "Action", id: "all")
            try schema.validateRequest(AuthorizationRequest(principal: alice, action: all, resource: team))
        }
    }
}
