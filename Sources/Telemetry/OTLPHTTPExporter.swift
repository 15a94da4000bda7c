import AgentryCore
import Foundation
import HTTP
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Counters describing an exporter's work so far.
public struct OTLPExporterStatistics: Sendable, Equatable {
    /// Spans accepted by the collector (HTTP 2xx).
    public var exported = 0
    /// Spans discarded: queue overflow (oldest first), a permanent rejection, or left over at shutdown.
    public var dropped = 0
    /// Export requests that failed, retryable or not.
    public var failedRequests = 0
    /// Spans waiting to be sent.
    public var queued = 0
}

/// Batches finished spans and POSTs them as OTLP/HTTP JSON to a collector.
///
/// ``enqueue(_:)`` never blocks: spans go into a bounded queue (the oldest are dropped and counted when full). A
/// background loop started by ``start()`` sends them every `flushInterval`; ``shutdown()`` stops it and sends what
/// is left. Retryable failures (transport errors, HTTP 429/502/503/504) keep the batch for the next round with
/// exponential back-off; other HTTP errors drop it. Failures are logged and counted, never thrown at the caller.
public final class OTLPHTTPExporter: SpanExporter, Sendable {
    /// Where and how spans are sent.
    public let configuration: OTLPExporterConfiguration

    private struct State {
        var queue: [Span] = []
        var statistics = OTLPExporterStatistics()
        var consecutiveFailures = 0
        var loop: Task<Void, Never>?
        var isShutdown = false
    }

    private enum Outcome {
        case sent, retry, reject
    }

    private let state = Mutex(State())
    private let client = HTTPClient()
    /// One thread for every exporter's loop, so export keeps its interval when the shared pool is busy.
    private static let executor = ThreadPoolExecutor(threads: 1, name: "agentry-otlp")
    private let logger: Logger

    /// Creates an exporter; call ``start()`` to begin background sending.
    public init(configuration: OTLPExporterConfiguration, logger: Logger = Logger(label: "agentry.telemetry.otlp")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Queues one finished span; drops the oldest queued span when the queue is full.
    public func enqueue(_ span: Span) {
        state.withLock { state in
            guard !state.isShutdown else {
                state.statistics.dropped += 1
                return
            }
            state.queue.append(span)
            trim(&state)
        }
    }

    /// What the exporter has done so far.
    public var statistics: OTLPExporterStatistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.queued = state.queue.count
            return statistics
        }
    }

    /// Starts the background loop that flushes every `flushInterval` (idempotent; no-op after shutdown).
    public func start() {
        state.withLock { state in
            guard state.loop == nil, !state.isShutdown else { return }
            // An unstructured task is the point here: the loop outlives any caller's scope. It holds the exporter
            // weakly, and `shutdown()` cancels and awaits it, so it never outlives an explicit shutdown.
            state.loop = Task.detached(executorPreference: Self.executor) { [weak self] in
                while !Task.isCancelled {
                    guard let delay = self?.nextDelay() else { return }
                    try? await Task.sleep(for: delay)
                    guard !Task.isCancelled, let self else { return }
                    await self.flush()
                }
            }
        }
    }

    /// Sends everything queued now, batch by batch, stopping at the first retryable failure.
    ///
    /// - Returns: true when the queue was emptied without a retryable failure.
    @discardableResult
    public func flush() async -> Bool {
        while let batch = takeBatch() {
            switch await send(batch) {
            case .sent:
                state.withLock { state in
                    state.statistics.exported += batch.count
                    state.consecutiveFailures = 0
                }
            case .reject:
                state.withLock { $0.statistics.dropped += batch.count }
            case .retry:
                requeue(batch)
                return false
            }
        }
        return true
    }

    /// Stops the background loop, sends what is queued (one attempt) and drops anything still left.
    public func shutdown() async {
        let loop: Task<Void, Never>? = state.withLock { state in
            defer { state.loop = nil }
            return state.loop
        }
        loop?.cancel()
        await loop?.value
        await flush()
        state.withLock { state in
            state.isShutdown = true
            state.statistics.dropped += state.queue.count
            state.queue.removeAll()
        }
    }

    private func nextDelay() -> Duration {
        let failures = state.withLock { $0.consecutiveFailures }
        // Back off exponentially after failures, capped at 32 intervals.
        return configuration.flushInterval * (1 << min(failures, 5))
    }

    private func takeBatch() -> [Span]? {
        state.withLock { state in
            guard !state.queue.isEmpty else { return nil }
            let count = min(configuration.maxBatchSize, state.queue.count)
            defer { state.queue.removeFirst(count) }
            return Array(state.queue.prefix(count))
        }
    }

    private func requeue(_ batch: [Span]) {
        state.withLock { state in
            state.queue.insert(contentsOf: batch, at: 0)
            state.consecutiveFailures += 1
            trim(&state)
        }
    }

    /// Drops the oldest queued spans beyond `maxQueueSize`, counting them.
    private func trim(_ state: inout State) {
        let excess = state.queue.count - configuration.maxQueueSize
        guard excess > 0 else { return }
        state.queue.removeFirst(excess)
        state.statistics.dropped += excess
    }

    /// POSTs one batch and classifies the result as the OTLP specification asks.
    private func send(_ batch: [Span]) async -> Outcome {
        let body: Data
        do {
            body = try OTLPJSONEncoder.encode(
                batch,
                serviceName: configuration.serviceName,
                resourceAttributes: configuration.resourceAttributes
            )
        } catch {
            return .reject
        }

        var headers = HTTPHeaders()
        for (name, value) in configuration.headers { headers.set(name, value) }
        headers.set("Content-Type", "application/json")

        let status: Int
        do {
            status = try await client.send(
                "POST",
                configuration.tracesEndpoint,
                headers: headers,
                body: body,
                timeout: configuration.requestTimeout.seconds
            ).status
        } catch {
            return failed(status: nil, retryable: true)
        }
        if (200..<300).contains(status) { return .sent }
        return failed(status: status, retryable: [429, 502, 503, 504].contains(status))
    }

    private func failed(status: Int?, retryable: Bool) -> Outcome {
        let firstFailure = state.withLock { state in
            state.statistics.failedRequests += 1
            return state.consecutiveFailures == 0
        }
        if firstFailure {
            let reason = status.map { "http \($0)" } ?? "transport"
            logger.warning("otlp export failed", [LogKey.status: reason, "retryable": "\(retryable)"])
        }
        return retryable ? .retry : .reject
    }
}

extension Duration {
    /// The duration in seconds as a `TimeInterval`.
    fileprivate var seconds: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
