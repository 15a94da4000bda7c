import AgentryCore

/// An OAuth client of Agentry's token, introspection, revocation and workload-identity endpoints.
///
/// Clients authenticate with `client_secret_basic` or `client_secret_post`; only the SHA-256 of the secret is
/// stored. A client bound to a `tenant` acts only within it: it can exchange, introspect and revoke that tenant's
/// tokens, obtain `client_credentials` tokens in it, and (when it lists `workloads`) mint workload access tokens.
public struct OAuthClientConfig: Codable, Sendable {
    /// Client id.
    public var id: String
    /// Lower-case hex SHA-256 of the client secret (the secret itself is never stored).
    public var secretSHA256: String
    /// Audiences the client may request, each with the scopes it may obtain there. Default none.
    public var targets: [String: [String]]
    /// The tenant the client belongs to. Default none: a platform client, which may exchange any tenant's tokens
    /// addressed to it but cannot use `client_credentials` or the workload-identity endpoints.
    public var tenant: String?
    /// Grant types the client may use: `client_credentials` and/or
    /// `urn:ietf:params:oauth:grant-type:token-exchange`. Default: token exchange only.
    public var grantTypes: [String]?
    /// Authentication methods the client may use: `client_secret_basic`, `client_secret_post`. Default both.
    public var authMethods: [String]?
    /// Agents (workloads of `tenant`) the client may obtain workload access tokens for. Default none.
    public var workloads: [String]?
    /// The most scope a workload access token minted without a user token may carry (intersected with the
    /// agent's own scopes). Default none.
    public var workloadScopes: [String]?

    /// The token-exchange grant type URN.
    public static let tokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange"
    /// The client-credentials grant type.
    public static let clientCredentialsGrant = "client_credentials"
    /// Every grant type a client may be allowed.
    public static let knownGrantTypes: Set<String> = [tokenExchangeGrant, clientCredentialsGrant]
    /// Every client authentication method.
    public static let knownAuthMethods: Set<String> = ["client_secret_basic", "client_secret_post"]

    /// Creates a client entry.
    public init(
        id: String,
        secretSHA256: String,
        targets: [String: [String]] = [:],
        tenant: String? = nil,
        grantTypes: [String]? = nil,
        authMethods: [String]? = nil,
        workloads: [String]? = nil,
        workloadScopes: [String]? = nil
    ) {
        self.id = id
        self.secretSHA256 = secretSHA256
        self.targets = targets
        self.tenant = tenant
        self.grantTypes = grantTypes
        self.authMethods = authMethods
        self.workloads = workloads
        self.workloadScopes = workloadScopes
    }

    /// Decodes a client; `id` and `secretSHA256` are required.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        secretSHA256 = try container.decode(String.self, forKey: .secretSHA256)
        targets = try container.decodeIfPresent([String: [String]].self, forKey: .targets) ?? [:]
        tenant = try container.decodeIfPresent(String.self, forKey: .tenant)
        grantTypes = try container.decodeIfPresent([String].self, forKey: .grantTypes)
        authMethods = try container.decodeIfPresent([String].self, forKey: .authMethods)
        workloads = try container.decodeIfPresent([String].self, forKey: .workloads)
        workloadScopes = try container.decodeIfPresent([String].self, forKey: .workloadScopes)
    }

    /// Whether the client may use `grantType`.
    public func allows(grantType: String) -> Bool {
        (grantTypes ?? [Self.tokenExchangeGrant]).contains(grantType)
    }

    /// Whether the client may authenticate with `method`.
    public func allows(authMethod: String) -> Bool {
        (authMethods ?? Array(Self.knownAuthMethods)).contains(authMethod)
    }

    /// The member names a client entry may use (anything else is a typo and refused).
    public static var knownKeys: Set<String> {
        ["id", "secretSHA256", "targets", "tenant", "grantTypes", "authMethods", "workloads", "workloadScopes"]
    }
}
