import AgentryCore

/// A configuration file that cannot be used. The message names the path of the bad field, e.g.
/// `tenants[1].tier`.
public struct ConfigError: AgentryError, Equatable {
    /// `config.unreadable`, `config.malformed` or `config.invalid`.
    public let code: String
    /// What is wrong, naming the field path.
    public let message: String
    /// Configuration errors stop the server before it listens; as HTTP (admin API) they are 400.
    public var status: Int { 400 }

    /// Creates an error with a stable code and a message naming the field path.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
