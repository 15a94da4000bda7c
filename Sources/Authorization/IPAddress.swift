import Foundation

/// A Cedar `ipaddr` value: an IPv4 or IPv6 address with a prefix length (32 or 128 for a single address).
///
/// Parsing follows the reference engine: dotted IPv4 without leading zeros, RFC 4291 IPv6 text, an optional
/// `/prefix`, and no IPv4-embedded IPv6 (`::ffff:1.2.3.4` is rejected; `::ffff:7f00:1` is an IPv6 address).
/// Host bits are kept, so `ip("10.0.0.1/8") != ip("10.0.0.0/8")`.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// True for IPv4, false for IPv6.
    public let isIPv4: Bool
    /// The high 64 bits of an IPv6 address; zero for IPv4.
    public let high: UInt64
    /// The low 64 bits of an IPv6 address, or the IPv4 address in the low 32 bits.
    public let low: UInt64
    /// The prefix length: 0...32 for IPv4, 0...128 for IPv6.
    public let prefix: Int

    /// Parses the text form; nil when malformed.
    public init?(_ text: String) {
        // INVARIANT: the reference engine rejects inputs longer than the longest valid CIDR text.
        guard text.utf8.count <= 43 else { return nil }
        if text.utf8.filter({ $0 == UInt8(ascii: ":") }).count >= 2,
            text.utf8.filter({ $0 == UInt8(ascii: ".") }).count >= 2
        {
            return nil
        }
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if let v4 = IPAddress.parseIPv4(parts[0]) {
            (isIPv4, high, low) = (true, 0, UInt64(v4))
        } else if let v6 = IPAddress.parseIPv6(parts[0]) {
            (isIPv4, high, low) = (false, v6.high, v6.low)
        } else {
            return nil
        }
        if parts.count == 1 {
            prefix = isIPv4 ? 32 : 128
        } else {
            guard let length = IPAddress.parsePrefix(parts[1], max: isIPv4 ? 32 : 128) else { return nil }
            prefix = length
        }
    }

    /// `address/prefix`, IPv6 without zero compression.
    public var description: String {
        if isIPv4 {
            let octets = (0..<4).map { String((low >> (24 - 8 * $0)) & 0xFF) }
            return octets.joined(separator: ".") + "/\(prefix)"
        }
        let groups = (0..<8).map { String(((($0 < 4 ? high : low) >> (48 - 16 * ($0 % 4))) & 0xFFFF), radix: 16) }
        return groups.joined(separator: ":") + "/\(prefix)"
    }

    /// 127.0.0.0/8 (with a prefix of at least 8) or exactly `::1/128`.
    public var isLoopback: Bool {
        isIPv4 ? (low >> 24) == 127 && prefix >= 8 : high == 0 && low == 1 && prefix == 128
    }

    /// 224.0.0.0/4 or ff00::/8, with a prefix no shorter than that range.
    public var isMulticast: Bool {
        isIPv4 ? (low >> 28) == 0xE && prefix >= 4 : (high >> 56) == 0xFF && prefix >= 8
    }

    /// True when every address of this range lies in `other`; IPv4 and IPv6 never contain each other.
    public func isInRange(_ other: IPAddress) -> Bool {
        guard isIPv4 == other.isIPv4 else { return false }
        let (selfLow, selfHigh) = range()
        let (otherLow, otherHigh) = other.range()
        return otherLow <= selfLow && selfHigh <= otherHigh
    }

    /// The first and last address of the range as (high, low) pairs.
    private func range() -> (first: (UInt64, UInt64), last: (UInt64, UInt64)) {
        let mask = hostMask()
        return ((high & ~mask.0, low & ~mask.1), (high | mask.0, low | mask.1))
    }

    /// The bits below the prefix, as (high, low).
    private func hostMask() -> (UInt64, UInt64) {
        if isIPv4 { return (0, prefix >= 32 ? 0 : UInt64(UInt32.max) >> UInt64(prefix)) }
        if prefix >= 128 { return (0, 0) }
        if prefix >= 64 { return (0, UInt64.max >> UInt64(prefix - 64)) }
        return (UInt64.max >> UInt64(prefix), UInt64.max)
    }

    private static func parsePrefix(_ text: Substring, max: Int) -> Int? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count <= (max == 32 ? 2 : 3),
            digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            digits.count == 1 || digits[0] != UInt8(ascii: "0"),
            let value = Int(text), value <= max
        else { return nil }
        return value
    }

    private static func parseIPv4(_ text: Substring) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            let digits = Array(octet.utf8)
            guard (1...3).contains(digits.count), digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                digits.count == 1 || digits[0] != UInt8(ascii: "0"),
                let number = UInt32(octet), number <= 255
            else { return nil }
            value = value << 8 | number
        }
        return value
    }

    private static func parseIPv6(_ text: Substring) -> (high: UInt64, low: UInt64)? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        guard let head = parseGroups(halves[0]) else { return nil }
        if halves.count == 1 {
            guard head.count == 8 else { return nil }
            return pack(head)
        }
        guard let tail = parseGroups(halves[1]), head.count + tail.count <= 7 else { return nil }
        let groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        return pack(groups)
    }

    private static func pack(_ groups: [UInt16]) -> (high: UInt64, low: UInt64) {
        let high = groups[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, groups[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) })
    }

    private static func parseGroups(_ text: String) -> [UInt16]? {
        if text.isEmpty { return [] }
        var groups: [UInt16] = []
        for group in text.split(separator: ":", omittingEmptySubsequences: false) {
            guard (1...4).contains(group.utf8.count), group.utf8.allSatisfy({ $0.isHexDigit }),
                let value = UInt16(group, radix: 16)
            else { return nil }
            groups.append(value)
        }
        return groups
    }
}

extension UInt8 {
    /// True for ASCII `0-9`, `a-f`, `A-F`.
    var isHexDigit: Bool {
        (self >= 48 && self <= 57) || (self >= 65 && self <= 70) || (self >= 97 && self <= 102)
    }
}
