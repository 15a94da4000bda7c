import Foundation

/// Redacts a text stream that arrives in arbitrary chunks, so a value split across chunks is never emitted in clear.
///
/// After each chunk the redactor emits everything that can no longer change and holds back the tail that could
/// still be the start of a finding: a trailing run of digits and phone/card separators (in any digit script, with
/// any Unicode space or dash), a trailing run of token characters (e-mail, JWT, API key), a quoted e-mail local part
/// such as `"john doe"`, and an unterminated `-----BEGIN … PRIVATE KEY-----` block. A finding that
/// crosses the cut moves the cut to its start. ``finish()`` redacts and flushes what is left.
///
/// If the held tail grows past ``maxHoldback`` characters, or the redactor cannot run, the stream fails with
/// ``GuardrailError/streamUnmaskable`` instead of passing text through (fail closed).
public struct StreamRedactor: Sendable {
    /// Longest tail, in characters, held back while waiting for a value to complete; default 65,536.
    public let maxHoldback: Int

    private let redactor: PIIRedactor
    private var pending = ""
    private var pendingBytes: [UInt8] = []
    private var failed = false

    /// Creates a stream redactor using `redactor`'s kinds.
    public init(redactor: PIIRedactor = PIIRedactor(), maxHoldback: Int = 65_536) {
        self.redactor = redactor
        self.maxHoldback = maxHoldback
    }

    /// Accepts the next chunk and returns the text that is now safe to emit (possibly empty).
    ///
    /// - Throws: ``GuardrailError/streamUnmaskable`` when the tail cannot be held or redacted; the stream must end.
    public mutating func push(_ chunk: String) throws(GuardrailError) -> String {
        guard !failed else { throw .streamUnmaskable }
        pending += chunk
        let matches: [PIIRedactor.Match]
        do {
            matches = try redactor.matches(in: pending)
        } catch {
            failed = true
            throw .streamUnmaskable
        }

        // Never cut through a finding: move the cut back to the start of any that crosses it.
        var cut = Self.holdStart(in: pending)
        for match in matches where match.range.lowerBound < cut && match.range.upperBound > cut {
            cut = match.range.lowerBound
        }
        guard pending.distance(from: cut, to: pending.endIndex) <= maxHoldback else {
            failed = true
            throw .streamUnmaskable
        }

        let output = PIIRedactor.replace(matches.filter { $0.range.upperBound <= cut }, in: pending, upTo: cut)
        pending = String(pending[cut...])
        return output
    }

    /// Accepts raw UTF-8 bytes (for example SSE frames), keeping an incomplete trailing character for the next call.
    ///
    /// - Throws: ``GuardrailError/streamUnmaskable`` as ``push(_:)``.
    public mutating func push(bytes: [UInt8]) throws(GuardrailError) -> [UInt8] {
        pendingBytes += bytes
        let complete = Self.completeUTF8Prefix(pendingBytes)
        let text = String(decoding: pendingBytes[..<complete], as: UTF8.self)
        pendingBytes.removeFirst(complete)
        return Array(try push(text).utf8)
    }

    /// Redacts and returns everything still held; the redactor is then empty and can be reused.
    ///
    /// - Throws: ``GuardrailError/streamUnmaskable`` when the redactor cannot run.
    public mutating func finish() throws(GuardrailError) -> String {
        guard !failed else { throw .streamUnmaskable }
        let rest = pending + (pendingBytes.isEmpty ? "" : String(decoding: pendingBytes, as: UTF8.self))
        pending = ""
        pendingBytes = []
        let result = redactor.redact(rest)
        guard !result.failedClosed else {
            failed = true
            throw .streamUnmaskable
        }
        return result.text
    }

    /// Where the tail that might still grow into a finding starts.
    static func holdStart(in text: String) -> String.Index {
        var start = text.endIndex

        // A trailing run of token characters: e-mail, JWT, API key, AWS key id, a partial `-----BEGIN`.
        var index = text.endIndex
        while index > text.startIndex, isTokenCharacter(text[text.index(before: index)]) {
            index = text.index(before: index)
        }
        start = min(start, index)

        // A trailing run of digits and separators: card, phone, SSN. It starts at its first digit, `+` or `(`.
        index = text.endIndex
        while index > text.startIndex, isNumberCharacter(text[text.index(before: index)]) {
            index = text.index(before: index)
        }
        if let first = text[index...].firstIndex(where: { "0123456789+(".contains(PIIText.folding($0)) }) {
            start = min(start, first)
        }

        // A quoted e-mail local part that may still be followed by `@domain`.
        if let quote = quotedLocalStart(in: text) {
            start = min(start, quote)
        }

        // An unterminated private key block.
        if let begin = text.range(of: "-----BEGIN", options: .backwards),
            text[begin.upperBound...].range(of: "-----END [A-Z0-9 ]*-----", options: .regularExpression) == nil
        {
            start = min(start, begin.lowerBound)
        }
        return start
    }

    /// The opening quote of a `"…"` that could still become an e-mail local part: the last quote on the line when
    /// what follows it is too short to rule that out, or the opening quote of a closed pair followed only by token
    /// characters (`"john doe"@exa`).
    static func quotedLocalStart(in text: String) -> String.Index? {
        var quotes: [String.Index] = []
        var index = text.endIndex
        var scanned = 0
        while index > text.startIndex, scanned < 140, quotes.count < 2 {
            index = text.index(before: index)
            scanned += 1
            let character = PIIText.folding(text[index])
            if character == "\n" || character == "\r\n" { break }
            if character == "\"" { quotes.append(index) }
        }
        guard let last = quotes.first else { return nil }
        let after = text[text.index(after: last)...]
        if after.allSatisfy(isTokenCharacter), quotes.count == 2, text.distance(from: quotes[1], to: last) <= 65 {
            return quotes[1]
        }
        return after.count <= 65 ? last : nil
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        let folded = PIIText.folding(character)
        return folded.isLetter || folded.isNumber || "@._%+-=/".contains(folded)
    }

    private static func isNumberCharacter(_ character: Character) -> Bool {
        let folded = PIIText.folding(character)
        return folded.isASCIIDigitCharacter || " -.()+/_".contains(folded)
    }

    /// Length of the longest prefix of `bytes` that does not end inside a multi-byte UTF-8 sequence.
    static func completeUTF8Prefix(_ bytes: [UInt8]) -> Int {
        var index = bytes.count
        var continuation = 0
        while index > 0, continuation < 3, bytes[index - 1] & 0xC0 == 0x80 {
            index -= 1
            continuation += 1
        }
        guard index > 0 else { return bytes.count }
        let lead = bytes[index - 1]
        let needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
        return needed > continuation ? index - 1 : bytes.count
    }
}
