import Foundation

/// What kind of outbound credential a vault entry holds.
public enum CredentialKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A static API key sent to a provider.
    case apiKey
    /// OAuth 2.0 client credentials used to fetch access tokens from a token endpoint.
    case oauth2Client
}

/// OAuth 2.0 client credentials (RFC 6749 §4.4) for one provider.
public struct OAuth2ClientCredential: Sendable, Hashable, Codable {
    /// The client id registered at the provider.
    public var clientID: String
    /// The client secret. Treat as a secret.
    public var clientSecret: String
    /// The provider's token endpoint URL.
    public var tokenEndpoint: String
    /// Scopes to request.
    public var scopes: [String]

    /// Creates client credentials.
    public init(clientID: String, clientSecret: String, tokenEndpoint: String, scopes: [String] = []) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenEndpoint = tokenEndpoint
        self.scopes = scopes
    }
}

/// A secret the vault stores encrypted. Printing or dumping it never shows the secret.
public enum Credential: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// A static API key.
    case apiKey(String)
    /// OAuth 2.0 client credentials.
    case oauth2Client(OAuth2ClientCredential)

    /// The kind of this credential.
    public var kind: CredentialKind {
        switch self {
        case .apiKey: .apiKey
        case .oauth2Client: .oauth2Client
        }
    }

    /// Redacted.
    public var description: String { "Credential(\(kind.rawValue), redacted)" }
    /// Redacted.
    public var debugDescription: String { description }
    /// An empty mirror, so `dump` and reflection-based loggers see nothing secret.
    public var customMirror: Mirror { Mirror(self, children: []) }
}

/// What `list` returns about a stored credential: never the secret, never anything derived from it.
public struct CredentialMetadata: Sendable, Hashable, Codable {
    /// The provider name the credential is stored under.
    public let name: String
    /// Its kind.
    public let kind: CredentialKind
    /// When it was first stored.
    public let createdAt: Date
    /// When it was last replaced or re-encrypted.
    public let updatedAt: Date
    /// The tenant data key version it is encrypted under.
    public let keyVersion: Int
}

/// Whose data key protects a sealed blob: one tenant's, or the platform's own.
public enum VaultScope: Sendable, Hashable {
    /// A tenant's data key.
    case tenant(String)
    /// The platform data key (Agentry's own signing keys and similar).
    case platform

    /// The reserved owner id the platform's data key is stored under; tenant ids may not start with `@`.
    static let platformOwner = "@platform"

    /// The owner id used in storage and associated data.
    func owner() throws -> String {
        switch self {
        case .platform: return Self.platformOwner
        case .tenant(let id): return try CredentialVault.validTenant(id)
        }
    }
}
