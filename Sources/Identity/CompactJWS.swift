import AgentryCore
import Foundation

/// A JWS in compact serialisation (`header.payload.signature`), split and decoded but not yet trusted.
///
/// Parsing enforces the structural rules every consumer needs: exactly three base64url parts, a header and
/// (optionally) a payload that are JSON objects without duplicate member names, a string `alg`, and no `crit`
/// (this implementation understands no JWS extensions, so any `crit` entry must be refused, RFC 7515 §4.1.11).
public struct CompactJWS: Sendable {
    /// Largest token accepted, in bytes; bigger inputs are refused before any decoding.
    public static let maximumLength = 16 * 1024

    /// The decoded protected header.
    public let header: [String: JSONValue]
    /// The decoded payload bytes.
    public let payload: Data
    /// The raw signature bytes (for ECDSA, `r || s`).
    public let signature: Data
    /// `base64url(header) + "." + base64url(payload)`, the exact bytes that were signed.
    public let signingInput: Data

    /// The header's `alg` text.
    public var algorithmName: String { header["alg"]?.stringValue ?? "" }
    /// The header's `kid`, if it is a string.
    public var keyID: String? { header["kid"]?.stringValue }

    /// Splits and decodes `token`.
    /// - Throws: `IdentityError.tokenMalformed` on any structural fault, `.headerUnsupported` on `crit`.
    public init(parsing token: String) throws {
        guard token.utf8.count <= Self.maximumLength else { throw IdentityError.tokenMalformed("token is too long") }
        let bytes = Array(token.utf8)
        let dots = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") }
        guard dots.count == 2, dots[0] > 0, dots[1] + 1 < bytes.count else {
            throw IdentityError.tokenMalformed("token is not a compact JWS")
        }
        header = try Self.header(bytes[..<dots[0]])
        payload = try Base64URL.decode(bytes: bytes[(dots[0] + 1)..<dots[1]])
        signature = try Base64URL.decode(bytes: bytes[(dots[1] + 1)...])
        signingInput = Data(bytes[..<dots[1]])
    }

    /// Decodes and checks the encoded header, or takes it from the cache of headers that already passed: the
    /// tokens of one issuer key share their header byte for byte, so most verifications skip this JSON work.
    private static func header(_ encoded: ArraySlice<UInt8>) throws -> [String: JSONValue] {
        let key = String(decoding: encoded, as: UTF8.self)
        if let cached = HeaderCache.shared.header(for: key) { return cached }
        let header = try object(from: try Base64URL.decode(bytes: encoded), part: "header")
        try checkHeader(header)
        HeaderCache.shared.store(header, for: key)
        return header
    }

    /// Header rules independent of any key: a string `alg`, a string `kid` if present, no `crit`, and no `b64`
    /// (RFC 7797 unencoded payloads are not supported, whether or not `crit` names it).
    private static func checkHeader(_ header: [String: JSONValue]) throws {
        guard header["alg"]?.stringValue != nil else { throw IdentityError.tokenMalformed("header lacks `alg`") }
        if let kid = header["kid"], kid.stringValue == nil {
            throw IdentityError.tokenMalformed("header `kid` is not a string")
        }
        guard header["crit"] == nil, header["b64"] == nil else { throw IdentityError.headerUnsupported }
    }

    /// The payload as a duplicate-free JSON object.
    /// - Throws: `IdentityError.tokenMalformed` if it is not one.
    public func payloadObject() throws -> [String: JSONValue] {
        try Self.object(from: payload, part: "payload")
    }

    /// The algorithm, if it is one of the allowed asymmetric algorithms (`Ed25519` is read as EdDSA).
    /// - Throws: `IdentityError.algorithmNotAllowed` for `none`, HS*, unknown names or names not in `allowed`.
    public func algorithm(allowed: Set<JWSAlgorithm>) throws -> JWSAlgorithm {
        guard let algorithm = JWSAlgorithm(headerName: algorithmName), allowed.contains(algorithm) else {
            throw IdentityError.algorithmNotAllowed
        }
        return algorithm
    }

    /// Checks the signature with `key`.
    /// - Throws: `.algorithmNotAllowed` or `.signatureInvalid`.
    public func verify(with key: VerificationKey, allowed: Set<JWSAlgorithm>) throws {
        let algorithm = try algorithm(allowed: allowed)
        guard key.verify(signature: signature, signingInput: signingInput, algorithm: algorithm) else {
            throw IdentityError.signatureInvalid
        }
    }

    /// Signs `payload` under `header` (whose `alg` is set to the key's algorithm) and returns the compact form.
    public static func sign(header: [String: JSONValue], payload: Data, with key: SigningKey) throws -> String {
        var protected = header
        protected["alg"] = .string(key.algorithm.rawValue)
        let input = Base64URL.encode(JSONValue.object(protected).serialized()) + "." + Base64URL.encode(payload)
        let signature = try key.sign(Data(input.utf8))
        return input + "." + Base64URL.encode(signature)
    }

    private static func object(from data: Data, part: String) throws -> [String: JSONValue] {
        guard let value = StrictJSON.parse(data, maximumDepth: 32) else {
            throw IdentityError.tokenMalformed("token \(part) is not valid JSON or repeats a member")
        }
        guard let object = value.objectValue else {
            throw IdentityError.tokenMalformed("token \(part) is not a JSON object")
        }
        return object
    }
}
