import Foundation
import Identity
import Testing

@Suite("Base64URL")
struct Base64URLTests {
    @Test("round-trips every length without padding", arguments: 0..<40)
    func roundTrips(length: Int) throws {
        let data = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        let text = Base64URL.encode(data)
        #expect(!text.contains("="))
        #expect(!text.contains("+") && !text.contains("/"))
        #expect(try Base64URL.decode(text) == data)
    }

    @Test("matches the RFC 4648 test vectors in the URL alphabet")
    func vectors() {
        #expect(Base64URL.encode(Data("f".utf8)) == "Zg")
        #expect(Base64URL.encode(Data("foob".utf8)) == "Zm9vYg")
        #expect(Base64URL.encode(Data("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64URL.encode(Data([0xFB, 0xFF])) == "-_8")
    }

    @Test(
        "rejects padding, the standard alphabet, whitespace, bad lengths and non-canonical tails",
        arguments: ["Zg==", "+/8", "Zm 9v", "Zm9vY", "Zh", "Zm9v\n", "é"]
    )
    func rejects(text: String) {
        #expect(throws: IdentityError.self) { try Base64URL.decode(text) }
    }
}
