import Foundation
import HTTP
import Identity
import Tenancy

/// Authenticates an OAuth client by `client_secret_basic` (RFC 6749 §2.3.1, HTTP Basic with form-encoded id and
/// secret) or `client_secret_post` (`client_id` and `client_secret` in the form body).
///
/// Only the SHA-256 of each secret is configured; the digests are compared in constant time, and an unknown
/// client costs the same comparison as a wrong secret. Using both methods at once, naming another client in the
/// form than in the Basic header, or sending more than one `Authorization` header is `invalid_request`.
struct ClientAuthenticator {
    let clients: [OAuthClientConfig]

    /// The authenticated client.
    /// - Parameters:
    ///   - request: the HTTP request (for the `Authorization` header).
    ///   - form: its form body, or nil for a JSON endpoint (Basic only).
    /// - Returns: the configured client whose secret matched.
    /// - Throws: `invalid_client` (401) when authentication is missing or fails, `invalid_request` when two
    ///   methods are used at once, two `Authorization` headers are sent, or the form's `client_id` differs from
    ///   the Basic header's.
    func authenticate(_ request: HTTPRequest, form: OAuthForm?) throws -> OAuthClientConfig {
        guard request.headers.values("authorization").count <= 1 else {
            throw OAuthFailure.invalidRequest("send at most one Authorization header")
        }
        let basic = try basicCredentials(request)
        let postedID = try form?.single("client_id")
        let postedSecret = try form?.single("client_secret")
        if basic != nil, postedSecret != nil {
            throw OAuthFailure.invalidRequest("use one client authentication method only")
        }
        if let basic, let postedID, !basic.0.utf8.elementsEqual(postedID.utf8) {
            throw OAuthFailure.invalidRequest("`client_id` names another client than the Authorization header")
        }
        if let (id, secret) = basic {
            return try check(id: id, secret: secret, method: "client_secret_basic")
        }
        if let postedID, let postedSecret {
            return try check(id: postedID, secret: postedSecret, method: "client_secret_post")
        }
        throw OAuthFailure.invalidClient("client authentication is required")
    }

    /// Decodes `Authorization: Basic …`; nil when the header is absent or another scheme.
    private func basicCredentials(_ request: HTTPRequest) throws -> (String, String)? {
        guard let header = request.headers["authorization"], header.lowercased().hasPrefix("basic ") else {
            return nil
        }
        let encoded = String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)
        guard let decoded = Data(base64Encoded: encoded), let text = String(data: decoded, encoding: .utf8),
            let colon = text.firstIndex(of: ":"),
            let id = FormBody.decode(String(text[..<colon])),
            let secret = FormBody.decode(String(text[text.index(after: colon)...]))
        else { throw OAuthFailure.invalidClient("client authentication failed") }
        return (id, secret)
    }

    private func check(id: String, secret: String, method: String) throws -> OAuthClientConfig {
        let digest = Digest.sha256Hex(secret)
        let client = clients.first { $0.id.utf8.elementsEqual(id.utf8) }
        // Compare against a fixed digest for an unknown id so both failures take the same time.
        let expected = client?.secretSHA256.lowercased() ?? String(repeating: "0", count: 64)
        let matches = ConstantTime.equal(digest, expected)
        guard let client, matches, client.allows(authMethod: method) else {
            throw OAuthFailure.invalidClient("client authentication failed")
        }
        return client
    }
}
