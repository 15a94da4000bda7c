import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy
import Vault

/// One grant at a credential provider's token endpoint, the client authenticated with `client_secret_basic`:
/// client credentials (RFC 6749 §4.4), or token exchange (RFC 8693) of a subject token Agentry minted for the
/// provider.
///
/// Nothing the provider sends back is echoed in an error (its body may repeat what it was sent), and the secret
/// travels only in the `Authorization` header of this one request. Every failure — an endpoint the
/// ``ResourceCredentialEndpointRules`` refuse, a closed port, a timeout, a refusal, a body without a token — is the
/// same ``failed`` answer, so the endpoint cannot be used to map which hosts and ports answer.
struct ResourceCredentialGrant {
    /// The one answer for every failure of the provider call.
    static let failed = ResourceCredentialError.providerFailed("the credential provider did not issue a token")

    /// The provider's client credentials.
    let client: OAuth2ClientCredential
    /// Where the provider's token endpoint may point.
    var rules = ResourceCredentialEndpointRules.current
    /// Seconds before the provider is given up on (default 10).
    var timeout: TimeInterval = 10

    /// The access token the provider issues for `scopes` (none sent when empty).
    /// - Parameters:
    ///   - scopes: the scopes to ask for.
    ///   - subjectToken: when given, an RFC 8693 exchange of this access token instead of client credentials.
    ///   - extra: further form parameters (`audience`, `resource`).
    /// - Returns: the provider's `access_token`.
    /// - Throws: ``failed`` (`credentials.provider_failed`, 502) when the endpoint is not allowed or the provider
    ///   is unreachable, refuses, or answers without an `access_token`.
    func fetch(scopes: [String], subjectToken: String? = nil, extra: [(String, String)] = []) async throws -> String {
        guard let url = rules.usableURL(client.tokenEndpoint) else { throw Self.failed }

        var fields = [("grant_type", "client_credentials")]
        if let subjectToken {
            fields = [
                ("grant_type", OAuthClientConfig.tokenExchangeGrant), ("subject_token", subjectToken),
                ("subject_token_type", TokenExchangeRequest.accessTokenType),
            ]
        }
        fields += extra
        if !scopes.isEmpty { fields.append(("scope", scopes.joined(separator: " "))) }
        let form = fields.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        let pair = Self.encode(client.clientID) + ":" + Self.encode(client.clientSecret)
        let headers = HTTPHeaders([
            ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
            ("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()),
        ])

        let response: HTTPResponse
        do {
            response = try await HTTPClient().send(
                "POST",
                url,
                headers: headers,
                body: Data(form.utf8),
                timeout: timeout
            )
        } catch {
            throw Self.failed
        }
        guard response.status == 200, let token = (try? JSONValue.parse(response.body))?["access_token"].stringValue,
            !token.isEmpty
        else { throw Self.failed }
        return token
    }

    /// `application/x-www-form-urlencoded` encoding (RFC 6749 appendix B), also used for the Basic credentials.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
