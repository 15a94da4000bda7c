import Foundation

/// Conversion between JWS's fixed-width `r || s` ECDSA signatures and the DER `ECDSA-Sig-Value` OpenSSL uses.
///
/// Both directions insist that `1 ≤ r, s < n`: a signature with `r` or `s` equal to zero or at least the group
/// order is refused before OpenSSL sees it (the CVE-2022-21449 "psychic signature" class).
enum ECDSASignature {
    /// Converts a raw JWS signature into DER, or nil if its length or `r`/`s` range is wrong.
    static func der(fromRaw raw: Data, curve: ECCurve) -> Data? {
        let size = curve.coordinateSize
        let bytes = [UInt8](raw)
        guard bytes.count == 2 * size else { return nil }
        let r = Array(bytes[0..<size])
        let s = Array(bytes[size...])
        guard inRange(r, order: curve.order), inRange(s, order: curve.order) else { return nil }
        let body = derInteger(r) + derInteger(s)
        return Data([0x30] + derLength(body.count) + body)
    }

    /// Converts OpenSSL's DER signature into raw `r || s`, or nil if the DER is not a well-formed pair in range.
    static func raw(fromDER der: Data, curve: ECCurve) -> Data? {
        var reader = DERReader(bytes: [UInt8](der))
        guard let sequence = reader.read(tag: 0x30), reader.isAtEnd else { return nil }
        var inner = DERReader(bytes: sequence)
        guard let r = inner.read(tag: 0x02), let s = inner.read(tag: 0x02), inner.isAtEnd,
            let rFixed = fixedWidth(r, size: curve.coordinateSize),
            let sFixed = fixedWidth(s, size: curve.coordinateSize),
            inRange(rFixed, order: curve.order), inRange(sFixed, order: curve.order)
        else { return nil }
        return Data(rFixed + sFixed)
    }

    /// Whether big-endian `value` (same width as `order`) satisfies `0 < value < order`.
    static func inRange(_ value: [UInt8], order: [UInt8]) -> Bool {
        guard value.count == order.count, value.contains(where: { $0 != 0 }) else { return false }
        return value.lexicographicallyPrecedes(order)
    }

    /// DER INTEGER for an unsigned big-endian magnitude.
    private static func derInteger(_ magnitude: [UInt8]) -> [UInt8] {
        var content = Array(magnitude.drop(while: { $0 == 0 }))
        if content.isEmpty || content[0] & 0x80 != 0 { content.insert(0, at: 0) }
        return [0x02] + derLength(content.count) + content
    }

    /// DER definite length (short form below 128, long form above).
    private static func derLength(_ length: Int) -> [UInt8] {
        if length < 0x80 { return [UInt8(length)] }
        if length <= 0xFF { return [0x81, UInt8(length)] }
        return [0x82, UInt8(length >> 8), UInt8(length & 0xFF)]
    }

    /// Left-pads a non-negative DER INTEGER's content to `size` bytes; nil if negative or too wide.
    private static func fixedWidth(_ content: [UInt8], size: Int) -> [UInt8]? {
        guard let first = content.first, first & 0x80 == 0 else { return nil }
        let magnitude = Array(content.drop(while: { $0 == 0 }))
        guard magnitude.count <= size else { return nil }
        return [UInt8](repeating: 0, count: size - magnitude.count) + magnitude
    }
}

/// A minimal reader for the DER subset ECDSA signatures use (definite lengths, one- or two-byte long form).
private struct DERReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    /// Reads one element with `tag` and returns its content bytes.
    mutating func read(tag: UInt8) -> [UInt8]? {
        guard offset + 2 <= bytes.count, bytes[offset] == tag else { return nil }
        var length = Int(bytes[offset + 1])
        offset += 2
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count >= 1, count <= 2, offset + count <= bytes.count else { return nil }
            length = bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
            offset += count
        }
        guard length <= bytes.count - offset else { return nil }
        defer { offset += length }
        return Array(bytes[offset..<offset + length])
    }
}
