import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A ``ModelProvider`` that calls any server speaking the OpenAI chat-completions API.
///
/// It POSTs the request as JSON to `<baseURL>/v1/chat/completions` with `Authorization: Bearer <apiKey>` when a key
/// is configured, waits at most ``Configuration/timeout``, refuses redirects (so the key never follows one), and
/// maps failures to ``ModelError``: a non-2xx status, an unreadable body or an unreachable host →
/// `model.upstream_error` (502); no answer in time → `model.timeout` (504). Upstream bodies are never copied into
/// errors. A reply without `usage` is given estimated counts from ``TokenCounter``.
public struct OpenAICompatibleProvider: ModelProvider {
    /// Where and how to reach the upstream server.
    public struct Configuration: Sendable, CustomStringConvertible, CustomReflectable {
        /// Server root, e.g. `http://127.0.0.1:8000`; `/v1/chat/completions` is appended.
        public var baseURL: URL
        /// Bearer token sent upstream, or nil. Never printed, logged or reflected.
        public var apiKey: String?
        /// Longest wait for the whole reply, in seconds. Default 60.
        public var timeout: TimeInterval
        /// Model name sent upstream in place of the caller's, or nil to pass the caller's through.
        public var upstreamModel: String?

        /// Creates a configuration.
        public init(baseURL: URL, apiKey: String? = nil, timeout: TimeInterval = 60, upstreamModel: String? = nil) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.timeout = timeout
            self.upstreamModel = upstreamModel
        }

        /// The endpoint URL: `<base>/v1/chat/completions`, or `<base>/chat/completions` when the base already ends
        /// in `/v1` (both spellings are common in provider documentation).
        public var endpoint: URL {
            var root = baseURL.absoluteString
            while root.hasSuffix("/") { root.removeLast() }
            let path = root.hasSuffix("/v1") ? "/chat/completions" : "/v1/chat/completions"
            return URL(string: root + path) ?? baseURL
        }

        /// Describes the configuration with the API key redacted.
        public var description: String {
            let key = apiKey == nil ? "nil" : "<redacted>"
            return "OpenAICompatibleProvider.Configuration(baseURL: \(baseURL), apiKey: \(key), timeout: \(timeout))"
        }

        /// Mirrors the configuration without the API key, so `dump` and debuggers cannot show it.
        public var customMirror: Mirror {
            Mirror(self, children: ["baseURL": baseURL, "timeout": timeout, "upstreamModel": upstreamModel as Any])
        }
    }

    /// The configuration in use.
    public let configuration: Configuration
    private let session: URLSession

    /// Creates a provider with its own ephemeral session (no cookies, no cache, no redirects).
    public init(configuration: Configuration) {
        self.configuration = configuration
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = configuration.timeout
        sessionConfiguration.timeoutIntervalForResource = configuration.timeout
        self.session = URLSession(configuration: sessionConfiguration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    /// Sends `request` upstream and returns the parsed reply; see the type documentation for error mapping.
    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        guard !request.messages.isEmpty else { throw ModelError.invalidRequest("messages must not be empty") }
        var upstream = request
        upstream.model = configuration.upstreamModel ?? request.model
        upstream.stream = nil

        let (data, response) = try await send(try makeURLRequest(for: upstream))
        guard let http = response as? HTTPURLResponse else {
            throw ModelError.upstream("the model provider sent a reply that is not HTTP")
        }
        guard (200..<300).contains(http.statusCode) else {
            throw ModelError.upstream("the model provider answered with status \(http.statusCode)")
        }
        guard var reply = try? JSONDecoder().decode(ChatResponse.self, from: data) else {
            throw ModelError.upstream("the model provider sent an unreadable reply")
        }

        // A missing usage block is estimated from the request, never recorded as zero.
        if reply.usage.estimated {
            reply.usage.promptTokens = TokenCounter.count(request.messages)
        }
        if reply.model.isEmpty { reply.model = upstream.model }
        return reply
    }

    private func makeURLRequest(for request: ChatRequest) throws -> URLRequest {
        var urlRequest = URLRequest(url: configuration.endpoint, timeoutInterval: configuration.timeout)
        urlRequest.httpMethod = "POST"
        urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        if let key = configuration.apiKey, !key.isEmpty {
            urlRequest.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        }
        urlRequest.httpBody = try JSONEncoder().encode(request)
        return urlRequest
    }

    /// Sends the request, racing it against the timeout so a stalled upstream cannot hold the caller.
    private func send(_ request: URLRequest) async throws -> (Data, URLResponse) {
        let session = self.session
        let timeout = configuration.timeout
        return try await withThrowingTaskGroup(of: (Data, URLResponse).self) { group in
            group.addTask { try await Self.transfer(request, on: session) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(timeout, 0) * 1_000_000_000))
                throw ModelError.timeout
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw ModelError.timeout }
            return first
        }
    }

    /// One data task bridged to async, cancelled when the calling task is.
    ///
    /// Uses the completion-handler API: on Linux the async `data(for:)` of a session that has a delegate does not
    /// reliably complete.
    private static func transfer(_ request: URLRequest, on session: URLSession) async throws -> (Data, URLResponse) {
        let box = TaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error = error as? URLError, error.code == .timedOut {
                        continuation.resume(throwing: ModelError.timeout)
                    } else if let data, let response, error == nil {
                        continuation.resume(returning: (data, response))
                    } else {
                        continuation.resume(throwing: ModelError.upstream("the model provider could not be reached"))
                    }
                }
                box.set(task)
                task.resume()
            }
        } onCancel: {
            box.cancel()
        }
    }
}

/// Holds a data task so a cancellation handler on another thread can cancel it.
private final class TaskBox: Sendable {
    private let task = Mutex<URLSessionDataTask?>(nil)

    func set(_ value: URLSessionDataTask) { task.withLock { $0 = value } }

    func cancel() { task.withLock { $0?.cancel() } }
}

/// Session delegate that refuses every redirect, so the bearer key is only ever sent to the configured host.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
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
