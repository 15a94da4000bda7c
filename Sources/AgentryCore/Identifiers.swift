import Foundation

/// Random identifiers for requests, sessions, spans and tokens.
public enum Identifiers {
    /// `count` random bytes as lower-case hex.
    public static func hex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }
            .joined()
    }

    /// A new request id such as `req-9f2c…` (16 hex digits).
    public static func request() -> String { "req-" + hex(bytes: 8) }
}
