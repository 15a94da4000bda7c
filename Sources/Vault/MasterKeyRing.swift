import Foundation

/// The current master key plus older ones still able to unwrap data keys until ``CredentialVault/rewrapAll(to:)``
/// has moved every data key to the current one.
public struct MasterKeyRing: Sendable {
    /// The key new data keys are wrapped with.
    public let current: MasterKey
    /// Keys accepted for unwrapping only.
    public let previous: [MasterKey]

    /// Creates a ring.
    public init(current: MasterKey, previous: [MasterKey] = []) {
        self.current = current
        self.previous = previous.filter { $0.id != current.id }
    }

    /// The configured key with `id`, current or previous.
    func key(id: String) -> MasterKey? {
        if current.id == id { return current }
        return previous.first { $0.id == id }
    }

    /// The current key from the environment (see ``MasterKey/fromEnvironment(_:)``) and previous keys from
    /// `AGENTRY_MASTER_KEY_PREVIOUS`, a comma-separated list of hex or base64 keys.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> MasterKeyRing {
        let current = try MasterKey.fromEnvironment(environment)
        let previous = try (environment["AGENTRY_MASTER_KEY_PREVIOUS"] ?? "")
            .split(separator: ",")
            .map { try MasterKey(text: String($0)) }
        return MasterKeyRing(current: current, previous: previous)
    }
}
