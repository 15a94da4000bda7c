import AgentryCore

/// A storage failure. The message names the operation, never the data.
public struct StorageError: AgentryError {
    /// Stable code such as `storage.open_failed`.
    public let code: String
    /// Client-safe description.
    public let message: String
    /// Storage faults are server faults.
    public var status: Int { code == "storage.constraint" ? 409 : 500 }

    /// Creates an error with a stable code and message.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
