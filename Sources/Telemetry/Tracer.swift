import AgentryCore
import Synchronization

/// Starts spans, enforces the tenant tag, keeps the most recent finished spans and hands them to an exporter.
///
/// Every span must carry `tenant.id`: one that ends without it is recorded with the error status
/// `telemetry.missing_tenant`, logged and counted, because an untagged span is a tenant-isolation bug. Work done
/// for the platform itself uses ``platformTenant`` explicitly.
public final class Tracer: Sendable {
    /// The tenant id for spans that belong to the platform rather than a customer.
    public static let platformTenant = "_platform"

    private struct State {
        var ring: SpanRing
        var finished = 0
        var missingTenant = 0
    }

    private let state: Mutex<State>
    private let exporter: (any SpanExporter)?
    private let logger: Logger
    private let clock: @Sendable () -> UInt64

    /// Creates a tracer.
    ///
    /// - Parameters:
    ///   - capacity: how many finished spans to keep in memory for ``recentSpans(limit:)`` (default 2048).
    ///   - exporter: where finished spans go as well, e.g. an ``OTLPHTTPExporter``; nil keeps them local.
    ///   - logger: where a missing tenant tag is reported (default label `agentry.telemetry`).
    ///   - clock: nanoseconds since the Unix epoch (default the wall clock; tests inject their own).
    public init(
        capacity: Int = 2048,
        exporter: (any SpanExporter)? = nil,
        logger: Logger = Logger(label: "agentry.telemetry"),
        clock: @escaping @Sendable () -> UInt64 = WallClock.nanosecondsSinceEpoch
    ) {
        self.state = Mutex(State(ring: SpanRing(capacity: capacity)))
        self.exporter = exporter
        self.logger = logger
        self.clock = clock
    }

    /// Starts a span: a child of `parent` when given (same trace, new span id), else the root of a new trace.
    ///
    /// - Parameters:
    ///   - name: short constant operation name, e.g. `gateway.tools_call`.
    ///   - kind: what kind of operation this is (default `.internal`).
    ///   - parent: the parent's context, e.g. parsed from an inbound `traceparent` or another span's `context`.
    ///   - attributes: starting attributes; include `tenant.id` here or set it before ending the span.
    /// - Returns: the open span; end it with ``SpanHandle/end(status:)``.
    public func startSpan(
        name: String,
        kind: SpanKind = .internal,
        parent: TraceContext? = nil,
        attributes: [String: AttributeValue] = [:]
    ) -> SpanHandle {
        let context = parent?.newChild() ?? TraceContext.newRoot()
        return SpanHandle(
            tracer: self,
            name: name,
            context: context,
            parentSpanID: parent?.spanID,
            kind: kind,
            attributes: attributes
        )
    }

    /// Starts a span tagged with `tenant` (use ``platformTenant`` for platform work).
    public func startSpan(
        name: String,
        tenant: String,
        kind: SpanKind = .internal,
        parent: TraceContext? = nil,
        attributes: [String: AttributeValue] = [:]
    ) -> SpanHandle {
        var tagged = attributes
        tagged[Span.tenantAttribute] = .string(tenant)
        return startSpan(name: name, kind: kind, parent: parent, attributes: tagged)
    }

    /// Runs `body` inside a span, ending it `.ok` on return or with the thrown error's code on throw.
    ///
    /// A status set by `body` through ``SpanHandle/end(status:)`` wins. A thrown ``AgentryError`` gives its
    /// `code`; cancellation gives `cancelled`; any other error `internal`.
    public func withSpan<T>(
        name: String,
        kind: SpanKind = .internal,
        parent: TraceContext? = nil,
        attributes: [String: AttributeValue] = [:],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (SpanHandle) async throws -> T
    ) async rethrows -> T {
        let span = startSpan(name: name, kind: kind, parent: parent, attributes: attributes)
        do {
            let result = try await body(span)
            span.end(status: .ok)
            return result
        } catch {
            span.end(status: .error(code: Self.code(for: error)))
            throw error
        }
    }

    /// Runs `body` inside a span tagged with `tenant`; otherwise the same as the untagged `withSpan`.
    public func withSpan<T>(
        name: String,
        tenant: String,
        kind: SpanKind = .internal,
        parent: TraceContext? = nil,
        attributes: [String: AttributeValue] = [:],
        isolation: isolated (any Actor)? = #isolation,
        _ body: (SpanHandle) async throws -> T
    ) async rethrows -> T {
        var tagged = attributes
        tagged[Span.tenantAttribute] = .string(tenant)
        return try await withSpan(name: name, kind: kind, parent: parent, attributes: tagged, body)
    }

    /// The most recent finished spans, oldest first; at most `limit` of the newest when given.
    public func recentSpans(limit: Int? = nil) -> [Span] {
        let spans = state.withLock { $0.ring.ordered }
        guard let limit, limit < spans.count else { return spans }
        return Array(spans.suffix(max(0, limit)))
    }

    /// The recent finished spans of one trace, oldest first.
    public func recentSpans(traceID: String) -> [Span] {
        recentSpans().filter { $0.traceID == traceID }
    }

    /// The recent finished spans with this name, oldest first.
    public func recentSpans(name: String) -> [Span] {
        recentSpans().filter { $0.name == name }
    }

    /// How many spans have ended without a tenant tag since this tracer was created.
    public var missingTenantCount: Int { state.withLock { $0.missingTenant } }

    /// How many spans have ended since this tracer was created.
    public var finishedCount: Int { state.withLock { $0.finished } }

    func now() -> UInt64 { clock() }

    /// Applies the tenant rule, keeps the span and passes it to the exporter.
    func finish(_ ended: Span) {
        var span = ended
        let missing = span.tenantID == nil
        if missing {
            span = Span(
                name: span.name,
                traceID: span.traceID,
                spanID: span.spanID,
                parentSpanID: span.parentSpanID,
                kind: span.kind,
                startTimeUnixNano: span.startTimeUnixNano,
                endTimeUnixNano: span.endTimeUnixNano,
                attributes: span.attributes,
                status: .error(code: Span.missingTenantCode),
                events: span.events
            )
            logger.error(
                "span ended without tenant",
                [LogKey.errorCode: Span.missingTenantCode, "span.name": span.name]
            )
        }

        state.withLock { state in
            state.ring.append(span)
            state.finished += 1
            if missing { state.missingTenant += 1 }
        }
        exporter?.enqueue(span)
    }

    private static func code(for error: any Error) -> String {
        if let coded = error as? any AgentryError { return coded.code }
        if error is CancellationError { return "cancelled" }
        return "internal"
    }
}
