import AgentryCore
import Foundation
import Testing

@testable import Identity

@Suite("Strict JSON for token parts")
struct StrictJSONTests {
    @Test(
        "accepts well-formed JSON and decodes escapes",
        arguments: [
            (#"{"a":"\u00e9\ud83d\ude00\n","b":[1,-0.5,2e3,true,false,null],"c":{}}"#, true),
            (" { } ", true), ("[]", true), ("0", true), (#""x""#, true),
        ]
    )
    func accepts(text: String, valid: Bool) {
        #expect(Self.parses(text) == valid)
        let value = StrictJSON.parse(Data(#"{"a":"\u00e9\ud83d\ude00"}"#.utf8))
        #expect(value?["a"].stringValue == "é😀")
    }

    @Test(
        "refuses what lenient parsers accept",
        arguments: [
            #"{"a":1,"a":2}"#, #"{"iss":1,"\u0069ss":2}"#, #"{"a":1,}"#, "[1,]", "01", "1.", ".5", "+1", "1e", "NaN",
            "Infinity", "1e999", #"{"a":"\ud800"}"#, #"{"a":"\udc00x"}"#, "{\"a\":\"\u{01}\"}", #"{"a":"\x"}"#,
            "{} {}", "{'a':1}", "tru", "[", "{\"a\"1}", "",
        ]
    )
    func refuses(text: String) {
        #expect(!Self.parses(text))
    }

    @Test("refuses invalid UTF-8 and nesting beyond the limit")
    func limits() {
        #expect(!Self.parses(Data([0x22, 0xC3, 0x28, 0x22])))
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(!Self.parses(deep))
        let fine = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(Self.parses(fine))
    }

    /// Whether the parser accepts `text` (JSONValue is nil-literal expressible, so `== nil` would mislead).
    static func parses(_ text: String) -> Bool {
        parses(Data(text.utf8))
    }

    static func parses(_ data: Data) -> Bool {
        if case .some = StrictJSON.parse(data) { return true }
        return false
    }
}
