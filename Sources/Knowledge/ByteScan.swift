/// Read-only byte view of a text with the boundary tests ``Chunker`` needs.
///
/// Works on UTF-8 bytes: every byte it inspects for punctuation or whitespace is ASCII, and ASCII bytes never occur
/// inside a multi-byte UTF-8 sequence, so each boundary it reports sits on a character start.
struct ByteScan {
    /// Kinds of boundary, weakest first.
    enum Boundary: Int, Comparable {
        case word, line, sentence, paragraph

        static func < (lhs: Boundary, rhs: Boundary) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    let bytes: [UInt8]
    /// `scalarsBefore[i]` is the number of Unicode scalars that start before byte `i`.
    private let scalarsBefore: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var counts = [Int](repeating: 0, count: bytes.count + 1)
        for index in bytes.indices {
            counts[index + 1] = counts[index] + ((bytes[index] & 0xC0) == 0x80 ? 0 : 1)
        }
        scalarsBefore = counts
    }

    var count: Int { bytes.count }

    /// Characters (Unicode scalars) in `start..<end`.
    func size(_ start: Int, _ end: Int) -> Int { scalarsBefore[end] - scalarsBefore[start] }

    /// Whether byte `index` begins a scalar (is not a UTF-8 continuation byte).
    func isScalarStart(_ index: Int) -> Bool { index >= bytes.count || (bytes[index] & 0xC0) != 0x80 }

    func isWhitespace(_ index: Int) -> Bool {
        switch bytes[index] {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return true
        default: return false
        }
    }

    /// The text of bytes `start..<end`.
    func text(_ start: Int, _ end: Int) -> String { String(decoding: bytes[start..<end], as: UTF8.self) }

    /// First non-whitespace position at or after `index`.
    func skipWhitespace(from index: Int) -> Int {
        var position = index
        while position < bytes.count, isWhitespace(position) { position += 1 }
        return position
    }

    /// `end` moved back over trailing whitespace, never before `start`.
    func trimTrailingWhitespace(_ start: Int, _ end: Int) -> Int {
        var position = end
        while position > start, isWhitespace(position - 1) { position -= 1 }
        return position
    }

    /// The kind of boundary at `position` — a non-space character right after whitespace — or nil if none.
    func boundary(at position: Int) -> Boundary? {
        guard position > 0, position < bytes.count, !isWhitespace(position), isWhitespace(position - 1) else {
            return nil
        }

        // Walk back over the whitespace run, counting line breaks.
        var back = position - 1
        var newlines = 0
        while back >= 0, isWhitespace(back) {
            if bytes[back] == 0x0A { newlines += 1 }
            back -= 1
        }
        if newlines >= 2 { return .paragraph }
        guard back >= 0 else { return .line }

        // Skip closing quotes and brackets, then look for sentence-ending punctuation.
        while back > 0, [0x22, 0x27, 0x29, 0x5D].contains(bytes[back]) { back -= 1 }
        let startsLower = bytes[position] >= 0x61 && bytes[position] <= 0x7A
        if [0x2E, 0x21, 0x3F].contains(bytes[back]), !startsLower { return .sentence }
        return newlines == 1 || bytes[back] == 0x3B ? .line : .word
    }
}
