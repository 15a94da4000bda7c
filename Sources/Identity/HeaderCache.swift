import AgentryCore
import Synchronization

/// A small cache of decoded JWS headers that passed ``CompactJWS``'s header checks, keyed by their exact
/// base64url text. Decoding is a pure function of that text, so a hit is exactly what a fresh parse would give.
///
/// Bounded: at most ``capacity`` entries of at most ``maximumKeyLength`` bytes; when full it is emptied, so a
/// stream of distinct headers costs a little memory and no growth.
final class HeaderCache: Sendable {
    /// The process-wide cache.
    static let shared = HeaderCache()

    /// Most headers kept.
    static let capacity = 128
    /// Longest encoded header cached, in bytes; longer ones are always parsed.
    static let maximumKeyLength = 512

    private let entries = Mutex<[String: [String: JSONValue]]>([:])

    /// The cached header for `encoded`, if any.
    func header(for encoded: String) -> [String: JSONValue]? {
        entries.withLock { $0[encoded] }
    }

    /// Remembers a header that passed every check.
    func store(_ header: [String: JSONValue], for encoded: String) {
        guard encoded.utf8.count <= Self.maximumKeyLength else { return }
        entries.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[encoded] = header
        }
    }
}
