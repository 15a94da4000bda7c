import Authorization
import Testing

@testable import CedarSchema

/// Verdicts below were checked against the reference validator (cedarpy 4.12, strict mode).
@Suite("Strict validator")
struct ValidatorTests {
    static let schemaText = """
        namespace App {
          type Addr = { street: String, zip?: Long };
          entity Group;
          entity User in [Group] = { name: String, nick?: String, addr: Addr, maybe?: Addr, ip: ipaddr,
                                     when?: datetime, labels: Set<String> } tags Long;
          entity Doc in [Folder] = { owner: User, level: Long };
          entity Folder;
          entity Color enum ["red", "blue"];
          action read, write in [all] appliesTo {
            principal: [User], resource: [Doc, Folder], context: { n?: Long, r: { a?: Long, b: String }, c: Color }
          };
          action all;
          action admin appliesTo { principal: User, resource: Group };
        }
        """

    static let validator: Validator? = try? Validator(schema: Schema(text: schemaText))

    private func validate(_ text: String) throws -> ValidationResult {
        let validator = try #require(Self.validator)
        return validator.validate(try PolicySet(text: text))
    }

    private func when(_ body: String) -> String { "permit(principal, action, resource) when { \(body) };" }

    @Test(
        "accepts well-typed conditions",
        arguments: [
            "principal has maybe && principal.maybe has zip && principal.maybe.zip == 1",
            "principal has maybe.zip && principal.maybe.zip == 1",
            "principal.addr has zip && principal.addr.zip > 1",
            "if context has n then context.n == 1 else false",
            "action == App::Action::\"read\" && context.r.b like \"a*\"",
            "(context has n || false) && context.n == 1",
            "principal.ip.isInRange(ip(\"10.0.0.0/8\"))",
            "principal has when && principal.when.offset(duration(\"1h\")) > datetime(\"2020-01-01\")",
            "principal.hasTag(\"x\") && principal.getTag(\"x\") > 1",
            "principal.hasTag(principal.name) && principal.getTag(principal.name) > 1",
            "resource is App::Doc && resource.level > 1",
            "if resource is App::Doc then resource.level > 1 else true",
            "false && []",
            "true || principal.foo == 1",
            "1 == \"a\"",
            "App::User::\"a\" == App::Doc::\"b\"",
            "principal in App::Action::\"read\"",
            "action != App::Action::\"admin\" && context.c == App::Color::\"red\"",
            "resource.hasTag(\"x\") && []",
        ]
    )
    func accepts(body: String) throws {
        let result = try validate(when(body))
        #expect(result.passed, "\(result.errors)")
    }

    @Test(
        "rejects what Cedar's strict typechecker rejects",
        arguments: [
            ("principal.maybe.zip == 1", "validation.unsafe_access"),
            ("principal.nick == \"a\" || principal has nick", "validation.unsafe_access"),
            ("context.r.a == 1", "validation.unsafe_access"),
            ("context.r.b like \"a*\"", "validation.attribute_not_found"),
            ("principal.getTag(\"x\") > 1", "validation.unsafe_access"),
            ("resource.level > 1", "validation.attribute_not_found"),
            ("action.w == 1", "validation.attribute_not_found"),
            ("principal in []", "validation.empty_set_forbidden"),
            ("App::User::\"a\" == App::User::\"a\" && []", "validation.empty_set_forbidden"),
            ("principal == 1", "validation.incompatible_types"),
            ("[1, \"a\"].isEmpty()", "validation.incompatible_types"),
            ("{a: 1} == {b: 1}", "validation.incompatible_types"),
            ("principal.labels.contains(1)", "validation.incompatible_types"),
            ("decimal(\"1.0\") < decimal(\"2.0\")", "validation.unexpected_type"),
            ("context.n like \"a*\"", "validation.unsafe_access"),
            ("1 + \"a\" == 2", "validation.unexpected_type"),
            ("ip(\"1.2.3.4\").isIpv4(1)", "validation.wrong_arity"),
            ("ip(principal.name).isIpv4()", "validation.non_literal_extension"),
            ("decimal(\"1.00000\").lessThan(decimal(\"2.0\"))", "validation.extension_argument"),
            ("App::Ghost::\"a\" == principal", "validation.unrecognized_entity_type"),
            ("App::Color::\"green\" == context.c", "validation.invalid_enum_entity"),
        ]
    )
    func rejects(body: String, code: String) throws {
        let result = try validate(when(body))
        #expect(!result.passed)
        #expect(result.errors.contains { $0.code == code }, "\(result.errors)")
    }

    @Test(
        "checks the scope against the actions' principal and resource types",
        arguments: [
            ("permit(principal is App::User in App::Group::\"g\", action == App::Action::\"read\", resource);", true),
            ("permit(principal, action in App::Action::\"all\", resource);", true),
            ("permit(principal == ?principal, action, resource) when { principal.name == \"x\" };", true),
            ("permit(principal is App::Doc, action, resource);", false),
            ("permit(principal in App::Doc::\"d\", action, resource);", false),
            ("permit(principal, action == App::Action::\"all\", resource);", false),
            ("permit(principal, action in [App::Action::\"admin\"], resource is App::Doc);", false),
            ("permit(principal, action, resource in App::Folder::\"f\") when { resource.level > 1 };", false),
            ("permit(principal, action == App::Action::\"nope\", resource);", false),
            ("permit(principal, action, resource) unless { principal.nick == \"x\" };", false),
            (
                "permit(principal, action, resource) when { principal has nick } unless { principal.nick == \"x\" };",
                true
            ),
        ]
    )
    func scopes(text: String, passes: Bool) throws {
        let result = try validate(text)
        #expect(result.passed == passes, "\(result.errors)")
    }

    @Test("validates templates and each template-linked policy")
    func templates() throws {
        let validator = try #require(Self.validator)
        var policies = try PolicySet(
            text: "permit(principal in ?principal, action, resource) when { principal.name == \"x\" };"
        )
        #expect(validator.validate(policies).passed)
        try policies.link(
            templateID: "policy0",
            newID: "good",
            values: [.principal: EntityUID(type: "App::Group", id: "g")]
        )
        #expect(validator.validate(policies).passed)
        try policies.link(
            templateID: "policy0",
            newID: "bad",
            values: [.principal: EntityUID(type: "App::Ghost", id: "g")]
        )
        let result = validator.validate(policies)
        #expect(Set(result.errors.map(\.policyID)) == ["bad"])
        #expect(result.errors.map(\.code).contains("validation.unrecognized_entity_type"))
    }

    @Test("flags an always-false policy as a warning, not an error")
    func impossiblePolicy() throws {
        let result = try validate(when("principal is App::Doc"))
        #expect(result.passed)
        #expect(result.warnings.map(\.code) == ["validation.impossible_policy"])
    }

    @Test("reports findings per policy id in Cedar's wording")
    func findingWording() throws {
        let result = try validate("permit(principal, action, resource);\n" + when("principal.nick == \"a\""))
        let finding = try #require(result.errors.first)
        #expect(finding.policyID == "policy1")
        #expect(
            finding.description
                == "[policy1] for policy `policy1`, unable to guarantee safety of access to optional attribute "
                + "`nick` on entity type `App::User`"
        )
    }
}
