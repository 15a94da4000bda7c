import Authorization
import Testing

@testable import CedarSchema

/// Attribute names compare by code points in the validator and the schema-based data readers, as in Cedar:
/// `é` (U+00E9) and `e\u{301}` are different names (verdicts checked with cedarpy 4.12).
@Suite("Schema names compare by code points")
struct CodePointSchemaTests {
    static let schemaText = """
        entity User; entity Doc { "\u{e9}": Long };
        action read appliesTo { principal: User, resource: Doc, context: { "\u{e9}": Long } };
        """

    @Test(
        "the validator does not find a canonically equivalent attribute",
        arguments: [
            (#"resource["e\u{301}"] == 1"#, false),
            (#"resource["\u{e9}"] == 1"#, true),
            (#"resource has "e\u{301}""#, true),
            (#"context["e\u{301}"] == 1"#, false),
            (#"context["\u{e9}"] == 1"#, true),
            (#"resource has "\u{e9}" && resource["\u{e9}"] == 1"#, true),
        ]
    )
    func validator(condition: String, valid: Bool) throws {
        let validator = Validator(schema: try Schema(text: Self.schemaText))
        let result = validator.validate(
            try PolicySet(text: "permit(principal, action, resource) when { \(condition) };")
        )
        #expect(result.passed == valid, "\(condition): \(result.errors.map(\.message))")
        if !valid {
            #expect(result.errors.first?.message.contains("not found") == true)
        }
    }

    @Test("schema-based entity data refuses a canonically equivalent attribute and keeps the declared one")
    func entityData() throws {
        let schema = try Schema(text: Self.schemaText)
        let wrong = #"[{"uid": {"type": "Doc", "id": "d"}, "attrs": {"e\u0301": 1}, "parents": []}]"#
        #expect(throws: SchemaError.self) { try schema.entities(jsonText: wrong) }
        let right = #"[{"uid": {"type": "Doc", "id": "d"}, "attrs": {"\u00e9": 1}, "parents": []}]"#
        let entities = try schema.entities(jsonText: right)
        let doc = try #require(entities[EntityUID(type: "Doc", id: "d")])
        #expect(doc.attributes.codePointValue(forKey: "\u{e9}") == .long(1))
        #expect(doc.attributes.codePointValue(forKey: "e\u{301}") == nil)
    }

    @Test("two canonically equivalent attribute declarations are two attributes")
    func bothDeclared() throws {
        let schema = try Schema(text: #"entity Doc { "\#u{e9}": Long, "e\#u{301}": String };"#)
        let record = try #require(schema.entityTypes["Doc"]?.attributes)
        #expect(record.attributes.count == 2)
        #expect(record.attributes.codePointValue(forKey: "e\u{301}")?.type == .string)
        #expect(record.attributes.codePointValue(forKey: "\u{e9}")?.type == .long)
    }
}
