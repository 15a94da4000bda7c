import AgentryCore
import Foundation
import Testing

@Suite("DuplicateKeyCheck")
struct DuplicateKeyCheckTests {
    @Test(
        "refuses repeated member names however they are escaped, at any depth",
        arguments: [
            #"{"a":1,"a":2}"#, #"{"a":1,"\u0061":2}"#, #"{"x":{"b":1,"b":1}}"#, #"[{"c":1,"c":2}]"#,
            #"{"😀":1,"\ud83d\ude00":2}"#, #"{"\/":1,"/":2}"#,
        ]
    )
    func duplicates(json: String) {
        #expect(!DuplicateKeyCheck.isUnique(Data(json.utf8)))
    }

    @Test(
        "accepts ordinary JSON, including equal names in different objects",
        arguments: [
            #"{"a":1,"b":{"a":2}}"#, #"[1,-2.5e3,true,false,null,"s\n"]"#, #" {} "#, #"{"A":1,"a":2}"#,
            "[0, -0, 0.25, 1E+9, 12e-3, 9007199254740993]",
        ]
    )
    func unique(json: String) {
        #expect(DuplicateKeyCheck.isUnique(Data(json.utf8)))
    }

    @Test(
        "refuses invalid JSON and excessive nesting",
        arguments: [
            #"{"a":1,}"#, #"{"a" 1}"#, "01", "[1] x", #"{"a":"\x"}"#, String(repeating: "[", count: 70), "-", "1.",
            "[1e]", "[.5]", "[1-2]", "[+1]", "[1.e3]",
        ]
    )
    func invalid(json: String) {
        #expect(!DuplicateKeyCheck.isUnique(Data(json.utf8)))
    }
}
