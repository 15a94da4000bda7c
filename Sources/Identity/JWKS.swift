import Foundation

/// A JWK Set (RFC 7517 §5): the document served at `/.well-known/jwks.json`.
public struct JWKS: Codable, Sendable, Hashable {
    /// The keys, in the order they were published.
    public var keys: [JWK]

    /// Creates a set from `keys`.
    public init(keys: [JWK]) {
        self.keys = keys
    }

    /// Parses a JWK Set from JSON. Members of unsupported types are kept (and simply never match a token).
    /// - Throws: `IdentityError.keyInvalid` if the JSON is not an object with a `keys` array of objects.
    public static func parse(_ data: Data) throws -> JWKS {
        do {
            return try JSONDecoder().decode(JWKS.self, from: data)
        } catch {
            throw IdentityError.keyInvalid("JWKS JSON is invalid")
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
