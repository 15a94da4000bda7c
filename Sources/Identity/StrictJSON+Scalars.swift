import Foundation

extension StrictJSON {
    /// Reads a string starting at its opening quote; nil on a control character, bad escape or invalid UTF-8.
    mutating func string() -> String? {
        offset += 1

        // Fast path: most names and values have no escapes, so validate the slice in place.
        var end = offset
        while end < bytes.count, Self.isPlain(bytes[end]) { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            defer { offset = end + 1 }
            return String(validating: bytes[offset..<end], as: UTF8.self)
        }

        var out = [UInt8]()
        while let byte = current {
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard escape(into: &out) else { return nil }
            case 0..<0x20:
                return nil
            default:
                out.append(byte)
            }
        }
        return nil
    }

    /// Appends the UTF-8 of one escape sequence (after the backslash); surrogates must come as a valid pair.
    private mutating func escape(into out: inout [UInt8]) -> Bool {
        guard let byte = current else { return false }
        offset += 1
        if let replacement = Self.simpleEscapes[byte] {
            out.append(replacement)
            return true
        }
        guard byte == UInt8(ascii: "u"), var scalar = hex4() else { return false }
        if (0xD800..<0xDC00).contains(scalar) {
            guard consumeByte(UInt8(ascii: "\\")), consumeByte(UInt8(ascii: "u")), let low = hex4(),
                (0xDC00..<0xE000).contains(low)
            else { return false }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
            return false
        }
        guard let unicode = Unicode.Scalar(scalar) else { return false }
        UTF8.encode(unicode) { out.append($0) }
        return true
    }

    /// Whether `byte` can appear in a string as itself: not a quote, a backslash or a control character.
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte >= 0x20
    }

    /// The one-character escapes and the byte each stands for.
    private static let simpleEscapes: [UInt8: UInt8] = [
        0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09,
    ]

    private mutating func consumeByte(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        offset += 1
        return true
    }

    /// Four hex digits as a code unit.
    private mutating func hex4() -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexValue(byte) else { return nil }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    /// Reads a number in RFC 8259 grammar (`-? int frac? exp?`, no leading zeros); nil if malformed or infinite.
    mutating func number() -> Double? {
        let start = offset
        _ = consumeByte(UInt8(ascii: "-"))
        if consumeByte(UInt8(ascii: "0")) {
            if let byte = current, Self.isDigit(byte) { return nil }
        } else {
            guard digits() > 0 else { return nil }
        }
        if consumeByte(UInt8(ascii: ".")) {
            guard digits() > 0 else { return nil }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { return nil }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private mutating func digits() -> Int {
        let start = offset
        while let byte = current, Self.isDigit(byte) { offset += 1 }
        return offset - start
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }
}
