import AgentryCore
import Foundation

extension SigningKey {
    /// Loads a private JWK: EC with `d` (RFC 7518 §6.2.2), RSA with `d` and optionally all CRT members
    /// (§6.3.2), or OKP Ed25519 with `d` (RFC 8037 §2). Meant for test vectors and imports, not for storage.
    ///
    /// The algorithm is `algorithm` if given, else the JWK's `alg`, else the key type's default; the public members
    /// must match the private key.
    /// - Throws: `IdentityError.keyInvalid` for malformed or inconsistent members, unsupported types, RSA keys
    ///   under 2048 bits, or an algorithm that contradicts the JWK's `alg` or its type.
    public init(privateJWK data: Data, algorithm: JWSAlgorithm? = nil) throws {
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw IdentityError.keyInvalid("JWK JSON is invalid")
        }
        guard let object = value.objectValue else { throw IdentityError.keyInvalid("JWK JSON is invalid") }
        try self.init(privateJWK: object, algorithm: algorithm)
    }

    /// Loads a private JWK given as a JSON object; see ``init(privateJWK:algorithm:)-(Data,_)``.
    public init(privateJWK object: [String: JSONValue], algorithm: JWSAlgorithm? = nil) throws {
        let members = PrivateJWKMembers(object)
        var chosen = algorithm
        if let alg = object["alg"] {
            guard let name = alg.stringValue, let pinned = JWSAlgorithm(headerName: name), chosen ?? pinned == pinned
            else { throw IdentityError.keyInvalid("JWK alg does not fit") }
            chosen = pinned
        }
        let key = try Self.privateKey(members)
        try self.init(key: key, algorithm: chosen)
        for name in ["crv", "x", "y", "n", "e"] {
            let expected = try members.optional(name)
            let actual = Self.member(name, of: publicJWK)
            guard expected == nil || expected == actual else {
                throw IdentityError.keyInvalid("JWK public members do not match its private key")
            }
        }
    }

    /// Builds the OpenSSL key a private JWK describes.
    private static func privateKey(_ members: PrivateJWKMembers) throws -> EVPKey {
        switch try members.required("kty") {
        case "EC":
            guard let curve = ECCurve(rawValue: try members.required("crv")) else {
                throw IdentityError.keyInvalid("unsupported EC curve")
            }
            let x = try members.bytes("x", count: curve.coordinateSize)
            let y = try members.bytes("y", count: curve.coordinateSize)
            let d = try members.bytes("d", count: curve.coordinateSize)
            return try EVPKey.ecPrivateKey(curve: curve, point: Data([0x04]) + x + y, scalar: d)
        case "RSA":
            return try EVPKey.rsaPrivateKey(parameters: try members.rsaParameters())
        case "OKP":
            guard try members.required("crv") == "Ed25519" else { throw IdentityError.keyInvalid("unsupported OKP") }
            return try EVPKey.ed25519PrivateKey(try members.bytes("d", count: 32))
        default:
            throw IdentityError.keyInvalid("unsupported key type")
        }
    }

    /// A public member of `jwk` by name.
    private static func member(_ name: String, of jwk: JWK) -> String? {
        switch name {
        case "crv": jwk.crv
        case "x": jwk.x
        case "y": jwk.y
        case "n": jwk.n
        case "e": jwk.e
        default: nil
        }
    }
}

/// Typed access to the members of a private JWK object.
struct PrivateJWKMembers {
    private let object: [String: JSONValue]

    init(_ object: [String: JSONValue]) {
        self.object = object
    }

    /// A string member, or nil when absent; a non-string value is refused.
    func optional(_ name: String) throws -> String? {
        guard let value = object[name] else { return nil }
        guard let text = value.stringValue else { throw IdentityError.keyInvalid("JWK member has the wrong type") }
        return text
    }

    /// A string member that must be present.
    func required(_ name: String) throws -> String {
        guard let text = try optional(name) else { throw IdentityError.keyInvalid("JWK is missing a member") }
        return text
    }

    /// A base64url member decoded, optionally of an exact byte length.
    func bytes(_ name: String, count: Int? = nil) throws -> Data {
        let decoded: Data
        do {
            decoded = try Base64URL.decode(try required(name))
        } catch let error as IdentityError where error.code == "identity.key_invalid" {
            throw error
        } catch {
            throw IdentityError.keyInvalid("JWK member is not base64url")
        }
        guard !decoded.isEmpty, count.map({ $0 == decoded.count }) ?? true else {
            throw IdentityError.keyInvalid("JWK member has the wrong length")
        }
        return decoded
    }

    /// RSA parameters in OpenSSL's names: `n`, `e`, `d`, plus the CRT values when all five are present.
    func rsaParameters() throws -> [(String, Data)] {
        var parameters = [("n", try bytes("n")), ("e", try bytes("e")), ("d", try bytes("d"))]
        let crt = [
            ("p", "rsa-factor1"), ("q", "rsa-factor2"), ("dp", "rsa-exponent1"), ("dq", "rsa-exponent2"),
            ("qi", "rsa-coefficient1"),
        ]
        let present = crt.filter { object[$0.0] != nil }
        guard present.isEmpty || present.count == crt.count else {
            throw IdentityError.keyInvalid("JWK has only some RSA CRT members")
        }
        for (member, name) in present { parameters.append((name, try bytes(member))) }
        return parameters
    }
}
