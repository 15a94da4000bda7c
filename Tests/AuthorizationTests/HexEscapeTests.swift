import Testing

@testable import Authorization

/// `\xHH` escapes, as Cedar reads them (answers settled with cedarpy 4.12): two hex digits naming an ASCII
/// character, `\x00` to `\x7f`; in a `like` pattern an escape that decodes to `*` is a wildcard.
@Suite("Hex string escapes")
struct HexEscapeTests {
    static func decide(_ condition: String) throws -> AuthorizationResponse.Decision {
        let request = try AuthorizationRequest(
            principal: EntityUID(type: "User", id: "a"),
            action: EntityUID(type: "Action", id: "a"),
            resource: EntityUID(type: "R", id: "r"),
            contextText: "{}"
        )
        let policies = try PolicySet(text: "permit(principal, action, resource) when { \(condition) };")
        return Authorizer().isAuthorized(request, policies: policies, entities: .empty).decision
    }

    @Test(
        "hex escapes decode like cedarpy",
        arguments: [
            (#""\x41" == "A""#, true),
            (#""\x00" == "\0""#, true),
            (#""\x7f" == "\u{7f}""#, true),
            (#""\x7F" == "\u{7f}""#, true),
            (#""\x0a" == "\n""#, true),
            (#""\x410" == "A0""#, true),
            (#""\x2a" == "*""#, true),
            (#""a*b" like "a\x2ab""#, true),
            (#""azzb" like "a\x2ab""#, true),
            (#""azzb" like "a\u{2a}b""#, true),
            (#""azzb" like "a\*b""#, false),
            (#""ab" like "a\x41""#, false),
            (#""aA" like "a\x41""#, true),
        ]
    )
    func decodes(condition: String, allowed: Bool) throws {
        #expect(try Self.decide(condition) == (allowed ? .allow : .deny), "\(condition)")
    }

    @Test(
        "malformed and out-of-range hex escapes are refused, quoted as Cedar quotes them",
        arguments: [
            (#""\x80""#, #"\x80"#),
            (#""\xff""#, #"\xff"#),
            (#""\x4""#, #"\x4"#),
            (#""\x4g""#, #"\x4g"#),
            (#""\xG1""#, #"\xG"#),
            (#""\x4 ""#, #"\x4 "#),
            (#""\x""#, #"\x"#),
        ]
    )
    func refuses(literal: String, quoted: String) throws {
        let error = #expect(throws: CedarError.self) {
            try PolicySet(text: "permit(principal, action, resource) when { \(literal) == \"a\" };")
        }
        #expect(error?.code == "policy.parse_error")
        #expect(
            error?.message.hasSuffix("the input `\(quoted)` is not a valid escape") == true,
            "\(error?.message ?? "")"
        )
    }
}
