import COpenSSL
import Foundation

/// The 256-bit key that wraps every per-tenant data key. It never encrypts secrets directly.
///
/// Its ``id`` (a hash prefix) is stored with each wrapped data key, so after a master key rotation the vault
/// knows which configured key opens which row. The key bytes are never printed.
public struct MasterKey: Sendable, CustomStringConvertible {
    /// Hex of the first 8 bytes of SHA-256 over a purpose label and the key; safe to log.
    public let id: String
    let material: SecretBytes

    /// Uses exactly 32 key bytes.
    /// - Throws: `vault.master_key_invalid` for any other length.
    public init(bytes: Data) throws {
        guard bytes.count == AESGCM.keySize else {
            throw VaultError.masterKeyInvalid("master key must be 32 bytes")
        }
        material = SecretBytes(bytes)
        id = try Self.identifier(of: bytes)
    }

    /// A fresh random key (tests, `agentry` admin commands that create one).
    public static func generate() throws -> MasterKey {
        var bytes = try AESGCM.randomBytes(AESGCM.keySize)
        defer { bytes.wipe() }
        return try MasterKey(bytes: bytes)
    }

    /// Parses key text: 64 hex digits or standard/url-safe base64 of 32 bytes, surrounding whitespace ignored.
    /// - Throws: `vault.master_key_invalid` if it is neither.
    public init(text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard var bytes = Self.hex(trimmed) ?? Self.base64(trimmed) else {
            throw VaultError.masterKeyInvalid("master key is not 32 bytes of hex or base64")
        }
        defer { bytes.wipe() }
        try self.init(bytes: bytes)
    }

    /// Redacted: shows only the key id.
    public var description: String { "MasterKey(id: \(id))" }

    private static func identifier(of bytes: Data) throws -> String {
        var input = Data("agentry.vault.master-key-id.v1".utf8)
        input.append(bytes)
        defer { input.wipe() }
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = input.withUnsafeBytes { buffer in
            EVP_Digest(buffer.baseAddress, buffer.count, &digest, &length, EVP_sha256(), nil)
        }
        guard status == 1 else { throw VaultError.cryptoFailure() }
        return digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    private static func hex(_ text: String) -> Data? {
        let digits = Array(text.utf8)
        guard digits.count == 2 * AESGCM.keySize else { return nil }
        var bytes = Data(capacity: AESGCM.keySize)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func base64(_ text: String) -> Data? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        guard let bytes = Data(base64Encoded: standard), bytes.count == AESGCM.keySize else { return nil }
        return bytes
    }
}
