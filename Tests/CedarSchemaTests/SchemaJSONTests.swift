import AgentryCore
import Authorization
import Testing

@testable import CedarSchema

@Suite("JSON schema format")
struct SchemaJSONTests {
    @Test("reads the JSON format with every kind of type")
    func readsJSON() throws {
        let schema = try Schema(
            jsonText: """
                {"App": {
                  "commonTypes": {"Ctx": {"type": "Record", "attributes": {
                    "ip": {"type": "Extension", "name": "ipaddr"},
                    "n": {"type": "Long", "required": false}}}},
                  "entityTypes": {
                    "User": {"memberOfTypes": ["Team"], "shape": {"type": "Record", "attributes": {
                      "teams": {"type": "Set", "element": {"type": "Entity", "name": "Team"}},
                      "ok": {"type": "Boolean"}, "nick": {"type": "EntityOrCommon", "name": "String"}}},
                      "tags": {"type": "Long"}},
                    "Team": {},
                    "Size": {"enum": ["s", "m"]}},
                  "actions": {
                    "read": {"memberOf": [{"id": "any"}],
                             "appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Team"],
                                           "context": {"type": "Ctx"}}},
                    "any": {}}}}
                """
        )
        let user = try #require(schema.entityTypes["App::User"])
        #expect(user.attributes.attributes["teams"]?.type == .set(.entity("App::Team")))
        #expect(user.attributes.attributes["ok"]?.type == .bool)
        #expect(user.attributes.attributes["nick"]?.type == .string)
        #expect(user.tags == .long)
        #expect(schema.entityTypes["App::Size"]?.enumChoices == ["s", "m"])
        let read = try #require(schema.actions[EntityUID(type: "App::Action", id: "read")])
        #expect(read.memberOf == [EntityUID(type: "App::Action", id: "any")])
        #expect(read.context.attributes["n"] == AttributeType(.long, isRequired: false))
    }

    @Test("human-readable → JSON → schema round-trips")
    func roundTrips() throws {
        let schema = try Schema(text: SchemaParserTests.photoApp)
        let json = schema.jsonValue()
        #expect(try Schema(json: json) == schema)
        #expect(try Schema(jsonText: json.serializedString()) == schema)
        #expect(json["PhotoApp"]["commonTypes"]["Address"]["type"] == "Record")
    }

    @Test("rejects malformed JSON schemas")
    func rejectsMalformed() {
        #expect(throws: SchemaError.self) { try Schema(jsonText: "[1]") }
        #expect(throws: SchemaError.self) { try Schema(jsonText: #"{"": {"entityTypes": {"A": {"shape": {}}}}}"#) }
        #expect(throws: SchemaError.self) {
            try Schema(jsonText: #"{"": {"entityTypes": {"A": {"memberOfTypes": ["Nope"]}}}}"#)
        }
    }
}
