import AgentryCore
import Foundation

/// A successful RFC 8693 §2.2.1 response.
public struct TokenExchangeResponse: Sendable, Hashable {
    /// The issued token. Never log it.
    public let accessToken: String
    /// Always `urn:ietf:params:oauth:token-type:access_token`.
    public let issuedTokenType: String
    /// Always `Bearer`.
    public let tokenType: String
    /// Lifetime in whole seconds.
    public let expiresIn: Int
    /// The granted scopes (space-separated on the wire).
    public let scopes: Set<String>

    /// Creates a response.
    public init(accessToken: String, expiresIn: Int, scopes: Set<String>) {
        self.accessToken = accessToken
        self.issuedTokenType = TokenExchangeRequest.accessTokenType
        self.tokenType = "Bearer"
        self.expiresIn = expiresIn
        self.scopes = scopes
    }

    /// The JSON body; serve with status 200 and `Cache-Control: no-store`.
    public var jsonBody: Data {
        JSONValue.object([
            "access_token": .string(accessToken),
            "issued_token_type": .string(issuedTokenType),
            "token_type": .string(tokenType),
            "expires_in": .number(Double(expiresIn)),
            "scope": .string(scopes.sorted().joined(separator: " ")),
        ]).serialized()
    }
}
