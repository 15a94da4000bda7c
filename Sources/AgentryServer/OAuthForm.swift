import Foundation
import HTTP

/// The `application/x-www-form-urlencoded` body of an OAuth request.
struct OAuthForm {
    /// Name/value pairs in order.
    let pairs: [(String, String)]

    /// Parses the body of `request`, which must be form-encoded (RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1).
    /// - Throws: `invalid_request` for another media type (parameters such as `charset` are allowed; a repeated
    ///   `Content-Type` is refused) or undecodable input.
    init(_ request: HTTPRequest) throws {
        let types = request.headers.values("content-type")
        guard types.count == 1, Self.mediaType(types[0]) == "application/x-www-form-urlencoded" else {
            throw OAuthFailure.invalidRequest("the body must be application/x-www-form-urlencoded")
        }
        pairs = try FormBody.parse(request.body)
    }

    /// The lower-cased `type/subtype` of a `Content-Type` value, without parameters (RFC 9110 §8.3.1).
    static func mediaType(_ value: String) -> String {
        let essence = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return essence.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The single value of `name`; nil when absent.
    /// - Throws: `invalid_request` when it is repeated (RFC 6749 §3.2).
    func single(_ name: String) throws -> String? {
        let values = pairs.filter { $0.0 == name }.map(\.1)
        guard values.count <= 1 else { throw OAuthFailure.invalidRequest("a request parameter is repeated") }
        return values.first
    }

    /// The non-empty single value of `name`.
    /// - Throws: `invalid_request` when it is missing, empty or repeated.
    func required(_ name: String) throws -> String {
        guard let value = try single(name), !value.isEmpty else {
            throw OAuthFailure.invalidRequest("`\(name)` is required")
        }
        return value
    }
}

/// `application/x-www-form-urlencoded` bodies.
enum FormBody {
    /// Name/value pairs in order; throws `invalid_request` on undecodable input.
    static func parse(_ body: Data) throws -> [(String, String)] {
        guard let text = String(data: body, encoding: .utf8) else {
            throw OAuthFailure.invalidRequest("the form body is not UTF-8")
        }
        return try text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(String(parts[0])), let value = parts.count > 1 ? decode(String(parts[1])) : ""
            else { throw OAuthFailure.invalidRequest("the form body is not validly percent-encoded") }
            return (name, value)
        }
    }

    /// Percent-decodes, with `+` as space; nil for an invalid escape.
    static func decode(_ text: String) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

/// Comparison that takes the same time whatever the inputs share.
enum ConstantTime {
    static func equal(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
