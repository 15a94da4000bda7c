import Guardrails
import Testing

@Suite("Stream redactor")
struct StreamRedactorTests {
    /// Pushes `chunks`, finishes, and returns each emitted piece.
    func run(_ chunks: [String]) throws -> [String] {
        var stream = StreamRedactor()
        var pieces = try chunks.map { try stream.push($0) }
        pieces.append(try stream.finish())
        return pieces
    }

    @Test("a card split across chunks is never emitted in clear (BUG-25 (3))")
    func splitCard() throws {
        let pieces = try run(["card 4111 11", "11 1111 1111", " thanks"])
        let joined = pieces.joined()
        #expect(joined == "card [CARD] thanks")
        let digits = joined.filter(\.isNumber)
        #expect(digits.isEmpty)
        for piece in pieces { #expect(!piece.contains("4111")) }
    }

    @Test("an e-mail split across chunks is never emitted in clear")
    func splitEmail() throws {
        let pieces = try run(["reach me at placeholder.per", "son@exam", "ple.test, bye"])
        #expect(pieces.joined() == "reach me at [EMAIL], bye")
        for piece in pieces { #expect(!piece.contains("placeholder")) }
    }

    @Test("every split point of a sentence gives the same redacted text")
    func everySplitPoint() throws {
        let text = "Hi, card 4111-1111-1111-1111, mail x.y@example.test, key AKIAIOSFODNN7EXAMPLE ok"
        let expected = PIIRedactor().redact(text).text
        for offset in 1..<text.count {
            let cut = text.index(text.startIndex, offsetBy: offset)
            let pieces = try run([String(text[..<cut]), String(text[cut...])])
            #expect(pieces.joined() == expected)
        }
    }

    @Test("a private key block is held until its end marker")
    func privateKey() throws {
        var stream = StreamRedactor()
        let first = try stream.push("a -----BEGIN PRIVATE KEY-----\nMIIE")
        let second = try stream.push("vQIBADANB\n-----END PRIVATE KEY----- b")
        let rest = try stream.finish()
        #expect(!(first + second + rest).contains("MIIE"))
        #expect(first + second + rest == "a [SECRET] b")
    }

    @Test("raw UTF-8 bytes split inside a character are reassembled")
    func rawBytes() throws {
        var stream = StreamRedactor()
        let bytes = Array("é 4111 1111 1111 1111 ü".utf8)
        var output: [UInt8] = []
        for byte in bytes { output += try stream.push(bytes: [byte]) }
        output += Array(try stream.finish().utf8)
        #expect(String(decoding: output, as: UTF8.self) == "é [CARD] ü")
    }

    @Test("a tail longer than the holdback limit ends the stream instead of leaking")
    func holdbackLimit() throws {
        var stream = StreamRedactor(maxHoldback: 16)
        #expect(throws: GuardrailError.streamUnmaskable) { try stream.push(String(repeating: "1 ", count: 20)) }
        #expect(throws: GuardrailError.streamUnmaskable) { try stream.finish() }
    }
}
