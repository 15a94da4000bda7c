import Guardrails
import Testing

/// The stream redactor holds back the new card, SSN and e-mail forms across chunk boundaries.
@Suite("Stream redactor with Unicode forms")
struct StreamRedactorUnicodeTests {
    static let text =
        "card ４１１１ １１１１ １１１１ １１１１, ssn 123–45–6789, mail \"john doe\"@example.com and maria＠bücher.de, "
        + "card 4111\u{00A0}1111\u{00A0}1111\u{00A0}1111 or ٤١١١ – ١١١١ – ١١١١ – ١١١١ end"

    /// Pushes `chunks`, finishes, and returns each emitted piece.
    func run(_ chunks: [String]) throws -> [String] {
        var stream = StreamRedactor()
        var pieces = try chunks.map { try stream.push($0) }
        pieces.append(try stream.finish())
        return pieces
    }

    @Test("the whole-text redaction removes every value")
    func wholeText() {
        let redacted = PIIRedactor().redact(Self.text).text
        #expect(redacted.allSatisfy { !$0.isNumber })
        #expect(!redacted.contains("john") && !redacted.contains("maria"))
    }

    @Test("every split point gives the whole-text redaction and no piece leaks a value")
    func everySplitPoint() throws {
        let expected = PIIRedactor().redact(Self.text).text
        for offset in 1..<Self.text.count {
            let cut = Self.text.index(Self.text.startIndex, offsetBy: offset)
            let pieces = try run([String(Self.text[..<cut]), String(Self.text[cut...])])
            #expect(pieces.joined() == expected, "split at \(offset)")
            #expect(pieces.allSatisfy { piece in piece.allSatisfy { !$0.isNumber } }, "split at \(offset)")
        }
    }

    @Test("byte-by-byte input never emits a digit or a local part")
    func byteByByte() throws {
        var stream = StreamRedactor()
        var output: [UInt8] = []
        for byte in Array(Self.text.utf8) {
            let piece = try stream.push(bytes: [byte])
            #expect(String(decoding: piece, as: UTF8.self).allSatisfy { !$0.isNumber })
            output += piece
        }
        output += Array(try stream.finish().utf8)
        #expect(String(decoding: output, as: UTF8.self) == PIIRedactor().redact(Self.text).text)
    }
}
