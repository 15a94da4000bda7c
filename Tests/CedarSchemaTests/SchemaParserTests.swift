import Authorization
import Testing

@testable import CedarSchema

@Suite("Human-readable schema format")
struct SchemaParserTests {
    static let photoApp = """
        // A photo-sharing app.
        namespace PhotoApp {
            type Address = { street: String, zip?: Long };
            @doc("a person")
            entity User in [Group] = { name: String, home?: Address, ip: ipaddr } tags String;
            entity Group;
            entity Photo in Album { owner: User, labels: Set<String> };
            entity Album;
            entity Color enum ["red", "blue"];
            action view, "edit photo" in [all] appliesTo {
                principal: [User, Group],
                resource: Photo,
                context: { mfa: Bool, at?: datetime }
            };
            action all;
        }
        """

    @Test("reads namespaces, common types, entity types and actions")
    func readsDeclarations() throws {
        let schema = try Schema(text: Self.photoApp)
        let user = try #require(schema.entityTypes["PhotoApp::User"])
        #expect(user.memberOfTypes == ["PhotoApp::Group"])
        #expect(user.tags == .string)
        #expect(user.attributes.attributes["ip"] == AttributeType(.extensionType("ipaddr")))
        let address = RecordType(["street": AttributeType(.string), "zip": AttributeType(.long, isRequired: false)])
        #expect(user.attributes.attributes["home"] == AttributeType(.record(address), isRequired: false))
        #expect(schema.commonTypes["PhotoApp::Address"] == .record(address))
        #expect(schema.entityTypes["PhotoApp::Photo"]?.memberOfTypes == ["PhotoApp::Album"])
        #expect(schema.entityTypes["PhotoApp::Color"]?.enumChoices == ["red", "blue"])

        let edit = try #require(schema.actions[EntityUID(type: "PhotoApp::Action", id: "edit photo")])
        #expect(edit.principalTypes == ["PhotoApp::User", "PhotoApp::Group"])
        #expect(edit.resourceTypes == ["PhotoApp::Photo"])
        #expect(edit.memberOf == [EntityUID(type: "PhotoApp::Action", id: "all")])
        #expect(edit.context.attributes["at"] == AttributeType(.extensionType("datetime"), isRequired: false))
        #expect(schema.actions[EntityUID(type: "PhotoApp::Action", id: "all")]?.principalTypes == [])
    }

    @Test("resolves a name as common type, then entity type, then built-in; __cedar names the built-in")
    func resolvesNames() throws {
        let schema = try Schema(
            text: """
                type ipaddr = Long;
                entity String;
                entity E = { a: ipaddr, b: String, c: __cedar::Long, d: __cedar::String, e: Bool };
                namespace N { entity E = { up: E, root: __cedar::Bool }; }
                """
        )
        let attributes = try #require(schema.entityTypes["E"]).attributes.attributes
        #expect(attributes["a"]?.type == .long)
        #expect(attributes["b"]?.type == .entity("String"))
        #expect(attributes["c"]?.type == .long)
        #expect(attributes["d"]?.type == .string)
        #expect(attributes["e"]?.type == .bool)
        #expect(schema.entityTypes["N::E"]?.attributes.attributes["up"]?.type == .entity("N::E"))
    }

    @Test(
        "reports errors with line and column in Cedar's style",
        arguments: [
            ("entity User = { name: String }", "1:31: unexpected end of input, expected `;`"),
            ("entity User;\naction view appliesTo { principal: User, resource: User, foo: User };", "2:58:"),
            ("entity A = { a: Long, a: String };", "1:23: duplicate attribute `a`"),
            ("entity A = { a: Lng };", "failed to resolve type: `Lng`"),
            ("entity A in [B];", "failed to resolve type: `B`"),
            ("type T = { a: T }; entity A = { t: T };", "cycle in common type references"),
            ("entity A; entity A;", "duplicate entity type `A`"),
            ("type Long = String;", "this uses a reserved schema keyword: `Long`"),
            ("entity A; action a appliesTo { principal: A };", "missing `resource` declaration for `a`"),
            ("entity A; action a appliesTo { principal: [], resource: A };", "`principal` is `[]`, which is invalid"),
            ("entity in;", "1:8: `in` is a reserved identifier"),
            ("namespace N { entity A; } namespace N { entity B; }", "duplicate namespace id: `N`"),
            ("entity A; action a in [a];", "cycle in action hierarchy"),
            ("entity A in [B,]; entity B;", "1:16: unexpected token `]`"),
            ("entity Action;", "entity type `Action` declared in `entityTypes` list"),
            ("action a in [b];", "undeclared action `Action::\"b\"`"),
            ("entity A = { s: \"x };", "1:17: unterminated string literal"),
        ]
    )
    func reportsErrors(text: String, expected: String) {
        #expect {
            try Schema(text: text)
        } throws: { error in
            guard let error = error as? SchemaError else { return false }
            return error.message.contains(expected)
        }
    }

    @Test("an unqualified action reference inside a namespace names that namespace's action")
    func namespacedActionReference() throws {
        let schema = try Schema(
            text: """
                namespace M { action g; }
                namespace N {
                    entity U;
                    action c;
                    action a in [Action::"c", M::Action::"g"] appliesTo { principal: U, resource: U };
                }
                """
        )
        let action = try #require(schema.actions[EntityUID(type: "N::Action", id: "a")])
        #expect(action.memberOf == [EntityUID(type: "N::Action", id: "c"), EntityUID(type: "M::Action", id: "g")])
    }

    @Test("parse errors carry their position as fields")
    func parseErrorPosition() {
        do {
            _ = try Schema(text: "entity A;\n  entity = {};")
            Issue.record("expected a parse error")
        } catch {
            #expect(error.code == "schema.parse_error")
            #expect(error.line == 2)
            #expect(error.column == 10)
        }
    }
}
