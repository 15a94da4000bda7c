/// How Agentry rotates its signing keys (`server.keyRotation` in the configuration).
///
/// A rotated-in key is published in `/.well-known/jwks.json` for `activationDelaySeconds` before it signs; a key
/// that stopped signing stays published `maximumTokenLifetimeSeconds` (plus 300 s of clock skew) so every token it
/// signed still verifies. The first key of a new ring signs at once.
public struct KeyRotationSettings: Codable, Sendable, Equatable {
    /// Seconds a new key is published before it signs. Default 3600 (one hour: far longer than the 60 s the JWKS
    /// may be cached). 0 to 2 592 000 (30 days); 0 makes a rotation sign at once.
    public var activationDelaySeconds: Int = 3600
    /// The longest lifetime of any token Agentry signs, in seconds; a retired key stays published this long (plus
    /// 300 s). Default 86 400 (one day). 1 to 31 536 000, and at least the longest token lifetime configured
    /// (`server.userTokenTTLSeconds`, `server.workloadTokenTTLSeconds`, `oauth.exchangedTokenTTLSeconds`,
    /// `oauth.clientCredentialsTTLSeconds`); no token may be issued for longer.
    public var maximumTokenLifetimeSeconds: Int = 86_400
    /// Seconds between two key maintenance passes of the server: delete keys past retention and pick up keys
    /// another process (`agentry keys rotate`) added. Default 60; 1 to 300, so a server that has not yet seen a
    /// rotation never signs with the old key longer than the 300 s of clock skew its retention allows.
    public var checkIntervalSeconds: Int = 60

    /// Defaults for every field.
    public init() {}

    /// Creates settings.
    public init(activationDelaySeconds: Int, maximumTokenLifetimeSeconds: Int, checkIntervalSeconds: Int = 60) {
        self.activationDelaySeconds = activationDelaySeconds
        self.maximumTokenLifetimeSeconds = maximumTokenLifetimeSeconds
        self.checkIntervalSeconds = checkIntervalSeconds
    }

    /// Decodes the settings; absent fields take their defaults.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = KeyRotationSettings()
        activationDelaySeconds =
            try container.decodeIfPresent(Int.self, forKey: .activationDelaySeconds) ?? defaults.activationDelaySeconds
        maximumTokenLifetimeSeconds =
            try container.decodeIfPresent(Int.self, forKey: .maximumTokenLifetimeSeconds)
            ?? defaults.maximumTokenLifetimeSeconds
        checkIntervalSeconds =
            try container.decodeIfPresent(Int.self, forKey: .checkIntervalSeconds) ?? defaults.checkIntervalSeconds
    }

    /// The member names the section may use (anything else is a typo and refused).
    public static var knownKeys: Set<String> {
        ["activationDelaySeconds", "maximumTokenLifetimeSeconds", "checkIntervalSeconds"]
    }
}
