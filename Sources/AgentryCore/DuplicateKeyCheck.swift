import Foundation

/// A strict JSON scanner that refuses objects with a repeated member name.
///
/// Foundation's parser silently keeps one of two equal keys, so `{"iss":"a","iss":"b"}` could be read
/// differently by two components. Names are compared after unescaping, so `"iss"` and `"\u0069ss"` collide, and
/// also as Swift strings, which are equal when canonically equivalent: `"é"` (U+00E9) and `"e\u0301"` would merge
/// into one entry of any Swift dictionary (``JSONValue``'s included), so such an object is refused too.
/// The scanner also enforces a nesting limit and rejects trailing bytes.
public enum DuplicateKeyCheck {
    /// Deepest nesting of arrays and objects accepted by default (token parts, request bodies).
    public static let maximumDepth = 64

    /// Whether `data` is one JSON value, nested at most `maximumDepth` deep, with no duplicate object member names.
    public static func isUnique(_ data: Data, maximumDepth: Int = DuplicateKeyCheck.maximumDepth) -> Bool {
        var scanner = Scanner(bytes: [UInt8](data), maximumDepth: maximumDepth)
        guard scanner.value(depth: 0) else { return false }
        scanner.skipWhitespace()
        return scanner.offset == scanner.bytes.count
    }
}

private struct Scanner {
    let bytes: [UInt8]
    let maximumDepth: Int
    var offset = 0

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    mutating func value(depth: Int) -> Bool {
        guard depth <= maximumDepth else { return false }
        skipWhitespace()
        guard offset < bytes.count else { return false }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return object(depth: depth + 1)
        case UInt8(ascii: "["): return array(depth: depth + 1)
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }

    mutating func object(depth: Int) -> Bool {
        offset += 1
        var names = Set<[UInt8]>()
        // Swift `String` equality is canonical equivalence: the key a `[String: …]` would use.
        var canonicalNames = Set<String>()
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return true
        }
        while true {
            skipWhitespace()
            guard let name = string(), names.insert(name).inserted,
                canonicalNames.insert(String(decoding: name, as: UTF8.self)).inserted
            else { return false }
            skipWhitespace()
            guard consume(":"), value(depth: depth) else { return false }
            skipWhitespace()
            if consume("}") { return true }
            guard consume(",") else { return false }
        }
    }

    mutating func array(depth: Int) -> Bool {
        offset += 1
        skipWhitespace()
        if consume("]") { return true }
        while true {
            guard value(depth: depth) else { return false }
            skipWhitespace()
            if consume("]") { return true }
            guard consume(",") else { return false }
        }
    }

    /// Reads a string and returns its unescaped UTF-16 code units as bytes (for comparison only).
    mutating func string() -> [UInt8]? {
        guard consume("\"") else { return nil }
        var units = [UInt8]()
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return units
            case UInt8(ascii: "\\"):
                guard let escaped = escape() else { return nil }
                units.append(contentsOf: escaped)
            case 0x00..<0x20:
                return nil
            default:
                units.append(byte)
            }
        }
        return nil
    }

    /// Decodes one escape after a backslash into the UTF-8 bytes it stands for.
    mutating func escape() -> [UInt8]? {
        guard offset < bytes.count else { return nil }
        let byte = bytes[offset]
        offset += 1
        let simple: [UInt8: UInt8] = [
            0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09,
        ]
        if let mapped = simple[byte] { return [mapped] }
        guard byte == UInt8(ascii: "u"), let unit = hexUnit() else { return nil }
        var value = UInt32(unit)
        // A high surrogate followed by an escaped low one is one character: combine so that it equals raw UTF-8.
        if (0xD800..<0xDC00).contains(unit), offset + 6 <= bytes.count, bytes[offset] == 0x5C,
            bytes[offset + 1] == UInt8(ascii: "u")
        {
            let saved = offset
            offset += 2
            if let low = hexUnit(), (0xDC00..<0xE000).contains(low) {
                value = 0x10000 + (UInt32(unit) - 0xD800) << 10 + (UInt32(low) - 0xDC00)
            } else {
                offset = saved
            }
        }
        // Lone surrogates keep a marker form so that different spellings never compare equal by accident.
        guard let scalar = Unicode.Scalar(value) else { return [0xFF, UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        return Array(String(Character(scalar)).utf8)
    }

    /// Reads four hex digits as a UTF-16 code unit.
    mutating func hexUnit() -> UInt16? {
        guard offset + 4 <= bytes.count,
            bytes[offset..<offset + 4].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
            let unit = UInt16(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
        else { return nil }
        offset += 4
        return unit
    }

    /// A JSON number (RFC 8259 §6): `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func number() -> Bool {
        _ = consume("-")
        if consume("0") {
            if offset < bytes.count, isDigit(bytes[offset]) { return false }
        } else if digits() == 0 {
            return false
        }
        if consume("."), digits() == 0 { return false }
        if consume("e") || consume("E") {
            if !consume("+") { _ = consume("-") }
            if digits() == 0 { return false }
        }
        return true
    }

    /// Skips a run of decimal digits and returns its length.
    private mutating func digits() -> Int {
        let start = offset
        while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
        return offset - start
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func literal(_ word: String) -> Bool {
        let expected = Array(word.utf8)
        guard offset + expected.count <= bytes.count, Array(bytes[offset..<offset + expected.count]) == expected
        else { return false }
        offset += expected.count
        return true
    }

    mutating func consume(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, offset < bytes.count, bytes[offset] == ascii else { return false }
        offset += 1
        return true
    }
}
