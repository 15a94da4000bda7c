import AgentryCore
import Foundation
import Identity
import Testing

/// Locates and reads the JOSE corpus in `../shared/corpus/jose`.
enum JOSECorpus {
    static let directory: URL? = {
        guard let shared = TestSupport.sharedDirectory() else { return nil }
        let url = shared.appendingPathComponent("corpus/jose")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static func data(_ path: String) throws -> Data {
        let base = try #require(directory)
        return try Data(contentsOf: base.appendingPathComponent(path))
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONValue.parse(try data(path))
    }

    static func rfc7515(_ section: String) throws -> JSONValue {
        let all = try json("rfc7515-appendix-a.json")
        return try #require(all["examples"].arrayValue?.first { $0["section"].stringValue == section })
    }

    static func jwk(_ value: JSONValue) throws -> JWK {
        try JWK.parse(value.serialized())
    }

    /// A private key from a JWK object in the corpus.
    static func signingKey(_ value: JSONValue, algorithm: JWSAlgorithm? = nil) throws -> SigningKey {
        try SigningKey(privateJWK: value.serialized(), algorithm: algorithm)
    }

    /// The token with one byte of part `part` (0 header, 1 payload, 2 signature) flipped.
    static func flip(_ compact: String, part: Int) throws -> String {
        var parts = compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var bytes = try Base64URL.decode(parts[part])
        bytes[bytes.count / 2] ^= 0x04
        parts[part] = Base64URL.encode(bytes)
        return parts.joined(separator: ".")
    }

    /// The signature part of a compact JWS.
    static func signature(of compact: String) throws -> Data {
        try Base64URL.decode(try #require(compact.split(separator: ".", omittingEmptySubsequences: false).last))
    }
}
