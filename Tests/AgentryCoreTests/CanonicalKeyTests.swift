import AgentryCore
import Foundation
import Testing

/// Keys that differ in bytes but are canonically equivalent merge in a Swift dictionary, so `JSONValue` would
/// silently keep one of them: the duplicate-key check refuses them like byte-equal keys.
@Suite("Canonically equivalent JSON keys")
struct CanonicalKeyTests {
    @Test(
        "NFC and NFD spellings of one key are refused",
        arguments: [
            #"{"é":1,"e\u0301":2}"#, "{\"\u{e9}\":1,\"e\u{301}\":2}", #"{"\u00e9":1,"e\u0301":2}"#,
            #"{"x":{"Å":1,"A\u030a":2}}"#, #"{"\u212b":1,"\u00c5":2}"#,
        ]
    )
    func refused(json: String) {
        #expect(!DuplicateKeyCheck.isUnique(Data(json.utf8)))
        let error = #expect(throws: CodedError.self) { try JSONValue.parse(json) }
        #expect(error?.code == "request.ambiguous_json")
    }

    @Test(
        "keys that only look alike are still accepted",
        arguments: [
            #"{"é":1,"e":2}"#, #"{"\u0301":1,"e":2}"#, #"{"a":{"é":1},"b":{"e\u0301":2}}"#,
        ]
    )
    func accepted(json: String) throws {
        #expect(DuplicateKeyCheck.isUnique(Data(json.utf8)))
        _ = try JSONValue.parse(json)
    }
}
