import AgentryCore
import Foundation
import Identity
import Testing

@Suite("Claims")
struct ClaimsTests {
    @Test("aud is read from a string or an array, and written as a string when single")
    func audience() throws {
        #expect(try Claims(json: ["aud": "a"]).aud == ["a"])
        #expect(try Claims(json: ["aud": ["a", "b"]]).aud == ["a", "b"])
        #expect(Claims(aud: ["a"]).jsonObject()["aud"] == "a")
        #expect(Claims(aud: ["a", "b"]).jsonObject()["aud"] == ["a", "b"])
    }

    @Test("NumericDates are whole seconds and scope is one space-separated string")
    func wireForm() throws {
        let claims = Claims(exp: Date(timeIntervalSince1970: 1_700_000_000.9), scopes: ["b", "a"])
        let json = JSONValue.object(claims.jsonObject()).serializedString()
        #expect(json == #"{"exp":1700000000,"scope":"a b"}"#)
        #expect(try Claims(json: ["scope": "read  write"]).scopes == ["read", "write"])
    }

    @Test("nested act chains round-trip, and extra members are kept but cannot override typed ones")
    func actAndExtra() throws {
        let act = ActorClaim(sub: "agent:1", act: ActorClaim(sub: "client-a", act: ActorClaim(sub: "svc")))
        let claims = Claims(sub: "u", act: act, extra: ["role": "x", "sub": "intruder"])
        let decoded = try JSONDecoder().decode(Claims.self, from: try JSONEncoder().encode(claims))
        #expect(decoded.act?.chain == ["agent:1", "client-a", "svc"] && decoded.act?.depth == 3)
        #expect(decoded.sub == "u" && decoded.extra == ["role": "x"])
    }

    @Test(
        "wrongly typed registered claims are refused",
        arguments: [
            ["iss": ["a"]], ["exp": "1"], ["aud": 5], ["act": "agent"], ["act": ["act": ["sub": "x"]]],
            ["tenant_id": 1],
        ] as [[String: JSONValue]]
    )
    func wrongTypes(object: [String: JSONValue]) {
        #expect(throws: IdentityError.self) { try Claims(json: object) }
    }
}
