import AgentryCore
import Foundation

/// A strict, single-pass RFC 8259 parser for token headers and payloads.
///
/// It refuses what lenient parsers let through and two components might read differently: repeated member names
/// (compared after unescaping, so `"iss"` and `"\u0069ss"` collide), nesting deeper than a limit, invalid UTF-8,
/// lone surrogate escapes, control characters in strings, leading zeros, non-finite numbers, and trailing bytes.
/// Parsing and the duplicate check are one pass, which keeps token verification close to the cost of the signature.
struct StrictJSON {
    /// The input.
    let bytes: [UInt8]
    /// The read position.
    var offset = 0
    private let maximumDepth: Int

    /// Parses `data` as exactly one JSON value; nil on any violation.
    static func parse(_ data: Data, maximumDepth: Int = 32) -> JSONValue? {
        var parser = StrictJSON(bytes: [UInt8](data), maximumDepth: maximumDepth)
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipWhitespace()
        // JSONValue is nil-literal expressible: spell out the failure so it cannot become `.null`.
        guard parser.offset == parser.bytes.count else { return Optional<JSONValue>.none }
        return value
    }

    private init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// The byte at the read position, nil at the end.
    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { offset += 1 }
    }

    /// Consumes `literal` if the input continues with it.
    private mutating func consume(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let matches = literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[offset + $0] == expected[$0] }
        }
        if matches { offset += count }
        return matches
    }

    private mutating func value(depth: Int) -> JSONValue? {
        skipWhitespace()
        guard let byte = current else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth + 1)
        case UInt8(ascii: "["): return array(depth: depth + 1)
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return consume("true") ? .bool(true) : Optional<JSONValue>.none
        case UInt8(ascii: "f"): return consume("false") ? .bool(false) : Optional<JSONValue>.none
        case UInt8(ascii: "n"): return consume("null") ? .null : Optional<JSONValue>.none
        default: return number().map(JSONValue.number)
        }
    }

    private mutating func object(depth: Int) -> JSONValue? {
        guard depth <= maximumDepth else { return nil }
        offset += 1
        var members = [String: JSONValue]()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\""), let name = string() else { return nil }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { return nil }
            offset += 1
            guard let member = value(depth: depth), members.updateValue(member, forKey: name) == nil else { return nil }
            skipWhitespace()
            guard let separator = current else { return nil }
            offset += 1
            if separator == UInt8(ascii: "}") { return .object(members) }
            guard separator == UInt8(ascii: ",") else { return nil }
        }
    }

    private mutating func array(depth: Int) -> JSONValue? {
        guard depth <= maximumDepth else { return nil }
        offset += 1
        var items = [JSONValue]()
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            offset += 1
            return .array(items)
        }
        while true {
            guard let item = value(depth: depth) else { return nil }
            items.append(item)
            skipWhitespace()
            guard let separator = current else { return nil }
            offset += 1
            if separator == UInt8(ascii: "]") { return .array(items) }
            guard separator == UInt8(ascii: ",") else { return nil }
        }
    }
}
