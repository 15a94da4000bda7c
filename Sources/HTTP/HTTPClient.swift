import AgentryCore
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Refuses every redirect, so credentials in a request are never re-sent to another origin; the 3xx response is
/// returned to the caller as it is.
private final class RefuseRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

/// A small outbound HTTP client for calls to agents, tools, model servers and JWKS endpoints.
///
/// `http://` URLs go over ``SocketTransport`` (a blocking exchange on a thread of its own); `https://` URLs use
/// URLSession. Redirects are never followed. Errors are mapped to stable codes: `http.upstream_unreachable` (502) and `http.upstream_timeout` (504).
public struct HTTPClient: Sendable {
    /// One URLSession for every client (https only); sessions are costly and never invalidated here.
    private static let sharedSession: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration, delegate: RefuseRedirects(), delegateQueue: nil)
    }()

    private var session: URLSession { Self.sharedSession }

    /// Creates a client.
    public init() {}

    /// Sends one request and returns the whole response.
    ///
    /// - Parameters:
    ///   - method: HTTP method.
    ///   - url: absolute URL.
    ///   - headers: request headers.
    ///   - body: request body, if any.
    ///   - timeout: seconds before `http.upstream_timeout`. Default 30.
    /// - Returns: the response, whatever its status (redirects included, unfollowed).
    /// - Throws: `http.upstream_unreachable` (502), `http.upstream_timeout` (504) or `http.upstream_malformed`.
    public func send(
        _ method: String,
        _ url: URL,
        headers: HTTPHeaders = HTTPHeaders(),
        body: Data? = nil,
        timeout: TimeInterval = 30
    ) async throws -> HTTPResponse {
        if url.scheme?.lowercased() == "http" {
            return try await SocketTransport.exchange(method, url, headers: headers, body: body, timeout: timeout)
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers {
            request.addValue(value, forHTTPHeaderField: name)
        }

        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch let error as URLError where error.code == .timedOut {
            throw CodedError("http.upstream_timeout", "upstream did not answer in time", status: 504)
        } catch {
            throw CodedError("http.upstream_unreachable", "upstream is unreachable", status: 502)
        }
        guard let http = response as? HTTPURLResponse else {
            throw CodedError("http.upstream_unreachable", "upstream gave no HTTP response", status: 502)
        }
        var responseHeaders = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            responseHeaders.add("\(name)", "\(value)")
        }
        return HTTPResponse(status: http.statusCode, headers: responseHeaders, body: data)
    }

    /// Sends one plain-HTTP request over a Unix-domain socket (`url` gives the path and `Host`).
    /// - Returns: the response, whatever its status.
    /// - Throws: `http.upstream_unreachable` (502) or `http.upstream_timeout` (504).
    public func send(
        _ method: String,
        _ url: URL,
        unixSocket: String,
        headers: HTTPHeaders = HTTPHeaders(),
        body: Data? = nil,
        timeout: TimeInterval = 30
    ) async throws -> HTTPResponse {
        try await SocketTransport.exchange(
            method,
            url,
            headers: headers,
            body: body,
            timeout: timeout,
            unixSocket: unixSocket
        )
    }

    /// POSTs a JSON value and returns the response.
    public func postJSON(
        _ url: URL,
        _ value: JSONValue,
        headers: HTTPHeaders = HTTPHeaders(),
        timeout: TimeInterval = 30
    ) async throws -> HTTPResponse {
        var all = headers
        all.set("Content-Type", "application/json")
        return try await send("POST", url, headers: all, body: value.serialized(), timeout: timeout)
    }
}

extension HTTPResponse {
    /// The body parsed as JSON (throws `request.malformed_json` when it is not).
    public func jsonBody() throws -> JSONValue {
        try JSONValue.parse(body)
    }
}
