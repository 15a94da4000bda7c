import Foundation

/// Base64url without padding (RFC 4648 §5, as JOSE uses it in RFC 7515 §2).
///
/// Decoding is strict: only `A–Z a–z 0–9 - _` are accepted, padding `=` and whitespace are refused, a length of
/// 1 mod 4 is refused, and the unused low bits of the last character must be zero so every byte string has
/// exactly one encoding.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// Encodes `data` as unpadded base64url text.
    public static func encode(_ data: some Sequence<UInt8>) -> String {
        let bytes = Array(data)
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let b0 = chunk[chunk.startIndex]
            let b1 = chunk.count > 1 ? chunk[chunk.startIndex + 1] : 0
            let b2 = chunk.count > 2 ? chunk[chunk.startIndex + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            if chunk.count > 1 { out.append(alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)]) }
            if chunk.count > 2 { out.append(alphabet[Int(b2 & 0x3F)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes unpadded base64url text.
    /// - Throws: `IdentityError.tokenMalformed` on any character outside the alphabet, padding, or a bad length.
    public static func decode(_ text: some StringProtocol) throws -> Data {
        try decode(bytes: Array(text.utf8)[...])
    }

    /// Decodes unpadded base64url ASCII bytes; the fast path token parsing uses.
    /// - Throws: `IdentityError.tokenMalformed` on any character outside the alphabet, padding, or a bad length.
    static func decode(bytes input: ArraySlice<UInt8>) throws -> Data {
        guard input.count % 4 != 1 else { throw IdentityError.tokenMalformed("invalid base64url length") }
        var out = [UInt8](repeating: 0, count: input.count * 3 / 4)
        let valid = input.withUnsafeBufferPointer { source in
            reverse.withUnsafeBufferPointer { table in
                out.withUnsafeMutableBufferPointer { target in
                    unpack(source, table: table, into: target)
                }
            }
        }
        guard valid else { throw IdentityError.tokenMalformed("invalid base64url") }
        return Data(out)
    }

    /// Packs 6-bit values into `target` (sized `source.count * 3 / 4`); false on a character outside the alphabet
    /// or non-zero leftover bits, which would give a second encoding of the same bytes.
    private static func unpack(
        _ source: UnsafeBufferPointer<UInt8>,
        table: UnsafeBufferPointer<UInt8>,
        into target: UnsafeMutableBufferPointer<UInt8>
    ) -> Bool {
        var accumulator: UInt32 = 0
        var bits: UInt32 = 0
        var written = 0
        for byte in source {
            let value = table[Int(byte)]
            guard value != 0xFF else { return false }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                target[written] = UInt8(truncatingIfNeeded: accumulator >> bits)
                written += 1
                accumulator &= (1 << bits) - 1
            }
        }
        return accumulator == 0 && written == target.count
    }
}
