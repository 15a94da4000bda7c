import AgentryCore

/// Limits of the OAuth endpoints (`oauth` section of the configuration).
public struct OAuthSettings: Codable, Sendable {
    /// Most actors an exchanged token's `act` chain may hold, the new actor included. Default 4.
    public var maxActorChainDepth: Int = 4
    /// Longest lifetime of a token issued by token exchange, in seconds (never longer than the subject's
    /// remaining life either). Default 300.
    public var exchangedTokenTTLSeconds: Int = 300
    /// Lifetime of a `client_credentials` token, in seconds. Default 300.
    public var clientCredentialsTTLSeconds: Int = 300
    /// If true, asking an exchange for a scope the subject token lacks is `invalid_scope`; if false such scopes
    /// are silently dropped. Default true.
    public var refuseScopeWidening: Bool = true

    /// Defaults for every field.
    public init() {}

    /// Decodes the settings; absent fields take their defaults.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = OAuthSettings()
        maxActorChainDepth =
            try container.decodeIfPresent(Int.self, forKey: .maxActorChainDepth) ?? defaults.maxActorChainDepth
        exchangedTokenTTLSeconds =
            try container.decodeIfPresent(Int.self, forKey: .exchangedTokenTTLSeconds)
            ?? defaults.exchangedTokenTTLSeconds
        clientCredentialsTTLSeconds =
            try container.decodeIfPresent(Int.self, forKey: .clientCredentialsTTLSeconds)
            ?? defaults.clientCredentialsTTLSeconds
        refuseScopeWidening =
            try container.decodeIfPresent(Bool.self, forKey: .refuseScopeWidening) ?? defaults.refuseScopeWidening
    }

    /// The member names the section may use (anything else is a typo and refused).
    public static var knownKeys: Set<String> {
        ["maxActorChainDepth", "exchangedTokenTTLSeconds", "clientCredentialsTTLSeconds", "refuseScopeWidening"]
    }
}

/// A tenant's identity provider trusted with a static JWK Set: tokens it signs authenticate the tenant's users.
public struct TrustedIssuerConfig: Codable, Sendable {
    /// The exact `iss` of its tokens.
    public var issuer: String
    /// Its public keys as an inline JWK Set (`{"keys": […]}`); either this or `jwksFile`.
    public var jwks: JSONValue?
    /// Path of a JWK Set file (relative to the configuration file); either this or `jwks`.
    public var jwksFile: String?
    /// Audiences accepted from it. Default `["agentry"]`.
    public var audiences: [String]?

    /// Creates an entry.
    public init(issuer: String, jwks: JSONValue? = nil, jwksFile: String? = nil, audiences: [String]? = nil) {
        self.issuer = issuer
        self.jwks = jwks
        self.jwksFile = jwksFile
        self.audiences = audiences
    }
}
