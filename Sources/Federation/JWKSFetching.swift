import AgentryCore
import Foundation
import HTTP

/// A document fetched from an identity provider, with how long it may be cached.
public struct FetchedDocument: Sendable {
    /// The response body.
    public var body: Data
    /// `Cache-Control: max-age` in seconds, when the response carried one.
    public var maxAge: TimeInterval?

    /// Creates a fetched document.
    public init(body: Data, maxAge: TimeInterval? = nil) {
        self.body = body
        self.maxAge = maxAge
    }
}

/// Fetches discovery and JWKS documents; injectable so cache logic is tested without sockets.
public protocol JWKSFetching: Sendable {
    /// GETs `url` and returns its body, or throws when the status is not 200 or the body is too large.
    func fetch(_ url: URL) async throws -> FetchedDocument
}

/// Fetches over ``HTTPClient`` (no redirects), refusing non-200 answers and bodies over the size limit.
public struct HTTPJWKSFetcher: JWKSFetching {
    /// Largest body accepted, in bytes (default 256 KiB).
    public let maximumBytes: Int
    /// Seconds before a fetch gives up (default 5).
    public let timeout: TimeInterval
    private let client: HTTPClient

    /// Creates a fetcher.
    public init(client: HTTPClient = HTTPClient(), maximumBytes: Int = 256 * 1024, timeout: TimeInterval = 5) {
        self.client = client
        self.maximumBytes = maximumBytes
        self.timeout = timeout
    }

    /// GETs `url` with `Accept: application/json`.
    /// - Throws: `federation.fetch_failed` or `federation.response_too_large`.
    public func fetch(_ url: URL) async throws -> FetchedDocument {
        let response: HTTPResponse
        do {
            response = try await client.send(
                "GET",
                url,
                headers: HTTPHeaders([("Accept", "application/json")]),
                timeout: timeout
            )
        } catch {
            throw FederationError.fetchFailed("identity provider is unreachable")
        }
        // The transport has already read the body (it caps responses itself); a declared or actual size over the
        // limit is refused before any parsing.
        if let declared = response.headers["content-length"].flatMap(Int.init), declared > maximumBytes {
            throw FederationError.responseTooLarge
        }
        guard response.body.count <= maximumBytes else { throw FederationError.responseTooLarge }
        guard response.status == 200 else { throw FederationError.fetchFailed("identity provider answered an error") }
        return FetchedDocument(body: response.body, maxAge: Self.maxAge(response.headers["cache-control"]))
    }

    /// The `max-age` directive of a `Cache-Control` value; `no-store`/`no-cache` count as 0.
    static func maxAge(_ header: String?) -> TimeInterval? {
        guard let header else { return nil }
        for directive in header.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            if parts.first == "no-store" || parts.first == "no-cache" { return 0 }
            if parts.count == 2, parts[0] == "max-age", let seconds = Int(parts[1].trimmingCharacters(in: ["\""])) {
                return TimeInterval(max(0, seconds))
            }
        }
        return nil
    }
}
