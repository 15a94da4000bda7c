import AgentryCore
import Foundation

/// A JWK Set (RFC 7517 §5): the document served at `/.well-known/jwks.json`.
public struct JWKS: Codable, Sendable, Hashable {
    /// The keys, in the order they were published.
    public var keys: [JWK]

    /// Creates a set from `keys`.
    public init(keys: [JWK]) {
        self.keys = keys
    }

    /// The key types a JWKS entry may have to be kept by ``parse(_:)``.
    public static let supportedKeyTypes: Set<String> = ["EC", "RSA", "OKP"]

    /// Parses a JWK Set from JSON, tolerantly: unknown members are ignored, and entries that are not objects,
    /// lack a string `kty`, or have a key type other than `EC`, `RSA` or `OKP` are skipped, not fatal.
    /// - Throws: `IdentityError.keyInvalid` if the JSON is not an object with a `keys` array.
    public static func parse(_ data: Data) throws -> JWKS {
        guard let document = try? JSONValue.parse(data), let entries = document["keys"].arrayValue else {
            throw IdentityError.keyInvalid("JWKS JSON is invalid")
        }
        return JWKS(keys: usableEntries(entries))
    }

    /// Decodes as ``parse(_:)`` does (tolerantly), for JWKS embedded in configuration.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        keys = Self.usableEntries(try container.decode([JSONValue].self, forKey: .keys))
    }

    private enum CodingKeys: String, CodingKey {
        case keys
    }

    /// The entries that decode as JWKs of a supported type.
    private static func usableEntries(_ entries: [JSONValue]) -> [JWK] {
        let decoder = JSONDecoder()
        return entries.compactMap { entry -> JWK? in
            guard entry.objectValue != nil, let jwk = try? decoder.decode(JWK.self, from: entry.serialized()) else {
                return nil
            }
            return supportedKeyTypes.contains(jwk.kty) ? jwk : nil
        }
    }

    /// The keys whose `kid` equals `kid` exactly.
    public func keys(withID kid: String) -> [JWK] {
        keys.filter { $0.kid == kid }
    }

    /// Every key of the set that is usable for verification; unusable entries are skipped, not fatal.
    public func verificationKeys() -> [VerificationKey] {
        keys.compactMap { try? VerificationKey(jwk: $0) }
    }

    /// Compact JSON with sorted keys, ready to serve with `Content-Type: application/jwk-set+json`.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw IdentityError.keyInvalid("JWKS cannot be encoded")
        }
    }
}
