import AgentryCore
import Foundation
import Identity

/// The verification keys of one external issuer: discovered and fetched over HTTP(S), cached, refreshed on an
/// unknown `kid` at most once per ``JWKSCacheSettings/minimumRefreshInterval``, and kept while the provider is down.
///
/// Concurrent callers that all miss share one fetch (single flight). Fetches are started by the cache itself,
/// never once per token, so a flood of tokens with random `kid`s costs at most one fetch per interval.
public actor JWKSCache {
    /// The issuer whose keys these are; discovery must name it exactly.
    public nonisolated let issuer: String
    private let discoveryURL: URL?
    private let configuredJWKSURI: URL?
    private let fallback: [VerificationKey]
    private let settings: JWKSCacheSettings
    private let fetcher: any JWKSFetching
    private let clock: @Sendable () -> Date
    private let logger = Logger(label: "agentry.federation")

    private var fetched: [VerificationKey]?
    private var fetchedUntil = Date.distantPast
    private var discoveredJWKSURI: URL?
    private var lastAttempt: Date?
    private var lastError: FederationError?
    private var inFlight: Task<Void, Never>?

    /// Fetches started so far (discovery and JWKS together count as one); for metrics and tests.
    public private(set) var fetchAttempts = 0

    /// Creates a cache for `config`'s issuer. Nothing is fetched until keys are first needed.
    /// - Parameters:
    ///   - config: the issuer, its discovery/JWKS URLs and its static fallback keys.
    ///   - settings: lifetimes and the refresh rate limit.
    ///   - fetcher: how documents are fetched (default: ``HTTPJWKSFetcher``).
    ///   - clock: time source (default: the system clock).
    public init(
        config: FederatedIssuerConfig,
        settings: JWKSCacheSettings = JWKSCacheSettings(),
        fetcher: any JWKSFetching = HTTPJWKSFetcher(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.issuer = config.issuer
        self.discoveryURL = config.discoveryURL
        self.configuredJWKSURI = config.jwksURI
        self.fallback = config.staticJWKS?.verificationKeys() ?? []
        self.settings = settings
        self.fetcher = fetcher
        self.clock = clock
    }

    /// The candidate keys for `kid` (all current keys when `kid` is nil).
    ///
    /// Refreshes first when nothing was fetched yet or the lifetime has passed, and once more when `kid` is
    /// unknown; both only if the rate limit allows. Falls back to the static keys while no fetch has succeeded.
    public func keys(for kid: String?) async -> [VerificationKey] {
        if fetched == nil || clock() >= fetchedUntil { await refreshIfAllowed() }
        let found = matching(kid)
        guard found.isEmpty, kid != nil else { return found }
        await refreshIfAllowed()
        return matching(kid)
    }

    /// Fetches now, ignoring the rate limit (admin action, start-up warm-up); joins a fetch already running.
    /// - Throws: the fetch's `FederationError` (the cache keeps serving what it had).
    public func refresh() async throws {
        if let running = inFlight {
            await running.value
        } else {
            await startRefresh()
        }
        if let lastError { throw lastError }
    }

    /// Whether a fetch has ever succeeded.
    public var hasFetchedKeys: Bool { fetched != nil }

    /// The keys in force: fetched ones (also while stale, up to the staleness limit), else the static fallback.
    private func currentKeys() -> [VerificationKey] {
        if let fetched, clock() < fetchedUntil.addingTimeInterval(settings.maximumStaleness) { return fetched }
        return fallback
    }

    private func matching(_ kid: String?) -> [VerificationKey] {
        let keys = currentKeys()
        guard let kid else { return keys }
        return keys.filter { $0.keyID.map { $0.utf8.elementsEqual(kid.utf8) } ?? false }
    }

    /// Joins the running fetch, or starts one if the last start is at least the minimum interval ago.
    private func refreshIfAllowed() async {
        if let running = inFlight {
            await running.value
            return
        }
        guard discoveryURL != nil || configuredJWKSURI != nil else { return }
        if let lastAttempt, clock().timeIntervalSince(lastAttempt) < settings.minimumRefreshInterval { return }
        await startRefresh()
    }

    /// Starts one shared fetch and waits for it.
    private func startRefresh() async {
        lastAttempt = clock()
        fetchAttempts += 1
        // Unstructured on purpose: every concurrent caller awaits this one task (single flight); it is isolated
        // to this actor and always finishes, clearing `inFlight` itself.
        let task = Task { await self.performRefresh() }
        inFlight = task
        await task.value
    }

    private func performRefresh() async {
        do {
            let (keys, maxAge) = try await load()
            fetched = keys
            fetchedUntil = clock().addingTimeInterval(settings.lifetime(maxAge: maxAge))
            lastError = nil
        } catch {
            // Stale-while-error: whatever was fetched before stays in use; discovery is redone next time.
            discoveredJWKSURI = nil
            let coded = error as? FederationError ?? FederationError.fetchFailed("identity provider keys are invalid")
            lastError = coded
            logger.warning("jwks refresh failed", ["federation.issuer": issuer, LogKey.errorCode: coded.code])
        }
        inFlight = nil
    }

    /// Runs discovery if needed, then fetches and parses the JWKS.
    private func load() async throws -> ([VerificationKey], TimeInterval?) {
        let uri = try await jwksURI()
        let document = try await fetcher.fetch(uri)
        let keys: [VerificationKey]
        do {
            keys = try JWKS.parse(document.body).verificationKeys()
        } catch {
            throw FederationError.fetchFailed("identity provider JWKS is invalid")
        }
        guard !keys.isEmpty else { throw FederationError.fetchFailed("identity provider JWKS has no usable keys") }
        return (keys, document.maxAge)
    }

    /// The configured JWKS URI, or the one the discovery document names (its `issuer` must match exactly).
    private func jwksURI() async throws -> URL {
        if let configuredJWKSURI { return configuredJWKSURI }
        if let discoveredJWKSURI { return discoveredJWKSURI }
        guard let discoveryURL else { throw FederationError.fetchFailed("no JWKS location is configured") }
        let document = try await fetcher.fetch(discoveryURL)
        guard let object = try? JSONValue.parse(document.body).objectValue else {
            throw FederationError.fetchFailed("discovery document is invalid")
        }
        guard let named = object["issuer"]?.stringValue, named.utf8.elementsEqual(issuer.utf8) else {
            throw FederationError.discoveryIssuerMismatch
        }
        guard let text = object["jwks_uri"]?.stringValue, let uri = URL(string: text),
            FederatedIssuerConfig.isAcceptableFetchURL(uri)
        else { throw FederationError.fetchFailed("discovery document has no acceptable jwks_uri") }
        discoveredJWKSURI = uri
        return uri
    }
}
