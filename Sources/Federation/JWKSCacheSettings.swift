import Foundation

/// Timing and size limits for ``JWKSCache``.
public struct JWKSCacheSettings: Sendable, Hashable, Codable {
    /// Cache lifetime when the JWKS response has no `max-age`, in seconds (default 600).
    public var defaultTTL: TimeInterval
    /// Shortest lifetime honoured from `max-age`, in seconds (default 60).
    public var minimumTTL: TimeInterval
    /// Longest lifetime honoured from `max-age`, in seconds (default 86 400).
    public var maximumTTL: TimeInterval
    /// Fewest seconds between two fetches started for one issuer, whatever triggered them (default 30). This is
    /// what stops a flood of tokens with unknown `kid`s from becoming a flood of fetches.
    public var minimumRefreshInterval: TimeInterval
    /// How long keys keep being served after their lifetime while refreshes fail, in seconds (default 86 400).
    public var maximumStaleness: TimeInterval

    /// Creates settings; every argument has the documented default.
    public init(
        defaultTTL: TimeInterval = 600,
        minimumTTL: TimeInterval = 60,
        maximumTTL: TimeInterval = 86_400,
        minimumRefreshInterval: TimeInterval = 30,
        maximumStaleness: TimeInterval = 86_400
    ) {
        self.defaultTTL = defaultTTL
        self.minimumTTL = minimumTTL
        self.maximumTTL = maximumTTL
        self.minimumRefreshInterval = minimumRefreshInterval
        self.maximumStaleness = maximumStaleness
    }

    /// The lifetime for a response with `maxAge`: clamped to `minimumTTL…maximumTTL`, `defaultTTL` when absent.
    func lifetime(maxAge: TimeInterval?) -> TimeInterval {
        guard let maxAge else { return defaultTTL }
        return min(max(maxAge, minimumTTL), maximumTTL)
    }
}
