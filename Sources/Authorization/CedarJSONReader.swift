/// A strict RFC 8259 reader producing ``CedarJSON`` with exact 64-bit integers.
package struct CedarJSONReader {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// Reads one complete document; throws `policy.entities_invalid`-style errors with the given maker.
    package static func read(_ bytes: [UInt8]) throws(CedarError) -> CedarJSON {
        var reader = CedarJSONReader(bytes: bytes)
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw reader.failure("unexpected trailing characters") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ message: String) -> CedarError {
        CedarError(code: "policy.json_invalid", message: "invalid JSON at byte \(index): \(message)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            index += 1
        }
    }

    private mutating func value() throws(CedarError) -> CedarJSON {
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try nested { (r: inout CedarJSONReader) throws(CedarError) in try r.object() }
        case UInt8(ascii: "["): return try nested { (r: inout CedarJSONReader) throws(CedarError) in try r.array() }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try keyword("true", .bool(true))
        case UInt8(ascii: "f"): return try keyword("false", .bool(false))
        case UInt8(ascii: "n"): return try keyword("null", .null)
        default: return try number()
        }
    }

    private mutating func nested(
        _ body: (inout CedarJSONReader) throws(CedarError) -> CedarJSON
    ) throws(CedarError) -> CedarJSON {
        depth += 1
        guard depth < 512 else { throw failure("nesting too deep") }
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func keyword(_ word: String, _ result: CedarJSON) throws(CedarError) -> CedarJSON {
        let expected = Array(word.utf8)
        guard bytes[index...].starts(with: expected) else { throw failure("unexpected character") }
        index += expected.count
        return result
    }

    private mutating func object() throws(CedarError) -> CedarJSON {
        index += 1
        var members: [(String, CedarJSON)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected `:`") }
            index += 1
            members.append((key, try value()))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input") }
            index += 1
            if bytes[index - 1] == UInt8(ascii: "}") { return .object(members) }
            guard bytes[index - 1] == UInt8(ascii: ",") else { throw failure("expected `,` or `}`") }
        }
    }

    private mutating func array() throws(CedarError) -> CedarJSON {
        index += 1
        var items: [CedarJSON] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            items.append(try value())
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of input") }
            index += 1
            if bytes[index - 1] == UInt8(ascii: "]") { return .array(items) }
            guard bytes[index - 1] == UInt8(ascii: ",") else { throw failure("expected `,` or `]`") }
        }
    }

    private mutating func number() throws(CedarError) -> CedarJSON {
        let start = index
        while index < bytes.count, CedarJSONReader.isNumeric(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if let integer = Int64(text) { return .integer(integer) }
        guard !text.isEmpty, let fraction = Double(text) else { throw failure("invalid number") }
        return .fraction(fraction)
    }

    /// Digits, signs, the decimal point and exponent markers.
    private static func isNumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    private mutating func string() throws(CedarError) -> String {
        index += 1
        let start = index

        // Fast path: no escapes, so the bytes between the quotes are the string.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            guard bytes[index] >= 0x20 else { throw failure("control character in string") }
            index += 1
        }
        guard index < bytes.count else { throw failure("unterminated string") }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: bytes[start..<index - 1], as: UTF8.self)
        }

        // Slow path: collect UTF-8 bytes, expanding escapes, then decode once.
        var utf8 = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                utf8.append(contentsOf: String(try escape()).utf8)
                continue
            }
            guard byte >= 0x20 else { throw failure("control character in string") }
            utf8.append(byte)
            index += 1
        }
        throw failure("unterminated string")
    }

    private mutating func escape() throws(CedarError) -> Unicode.Scalar {
        guard index < bytes.count else { throw failure("unterminated string") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try unicodeEscape()
        default: throw failure("invalid escape")
        }
    }

    private mutating func unicodeEscape() throws(CedarError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800..<0xDC00).contains(high), bytes[index...].starts(with: Array("\\u".utf8)) {
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid surrogate pair") }
            let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            if let scalar = Unicode.Scalar(combined) { return scalar }
        }
        guard let scalar = Unicode.Scalar(high) else { throw failure("lone surrogate") }
        return scalar
    }

    private mutating func hex4() throws(CedarError) -> UInt32 {
        guard index + 4 <= bytes.count, bytes[index..<index + 4].allSatisfy({ $0.isHexDigit }),
            let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw failure("invalid unicode escape") }
        index += 4
        return value
    }
}
