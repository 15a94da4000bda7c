import Synchronization

/// An open span: add attributes and events, then end it once.
///
/// Thread-safe; the first ``end(status:)`` records the span and later calls do nothing. Use ``context`` as the
/// parent of child spans and to send `traceparent` downstream.
public final class SpanHandle: Sendable {
    /// This span's trace position (its `spanID` is this span's id).
    public let context: TraceContext
    /// Short constant name of the operation.
    public let name: String
    /// The parent span's id, or nil for a root span.
    public let parentSpanID: String?
    /// What kind of operation this is.
    public let kind: SpanKind
    /// Start time in nanoseconds since the Unix epoch.
    public let startTimeUnixNano: UInt64

    private struct State {
        var attributes: [String: AttributeValue]
        var events: [SpanEvent] = []
        var ended = false
    }

    private let state: Mutex<State>
    private let tracer: Tracer

    init(
        tracer: Tracer,
        name: String,
        context: TraceContext,
        parentSpanID: String?,
        kind: SpanKind,
        attributes: [String: AttributeValue]
    ) {
        self.tracer = tracer
        self.name = name
        self.context = context
        self.parentSpanID = parentSpanID
        self.kind = kind
        self.startTimeUnixNano = tracer.now()
        self.state = Mutex(State(attributes: attributes))
    }

    /// Sets (or replaces) one attribute; ignored after the span has ended.
    public func setAttribute(_ key: String, _ value: AttributeValue) {
        state.withLock { state in
            guard !state.ended else { return }
            state.attributes[key] = value
        }
    }

    /// Sets the span's `tenant.id` attribute.
    public func setTenant(_ tenantID: String) {
        setAttribute(Span.tenantAttribute, .string(tenantID))
    }

    /// Records a timestamped event; ignored after the span has ended.
    public func addEvent(_ name: String, attributes: [String: AttributeValue] = [:]) {
        let event = SpanEvent(name: name, timeUnixNano: tracer.now(), attributes: attributes)
        state.withLock { state in
            guard !state.ended else { return }
            state.events.append(event)
        }
    }

    /// Whether ``end(status:)`` has been called.
    public var isEnded: Bool { state.withLock { $0.ended } }

    /// Ends the span and hands it to the tracer; only the first call counts.
    ///
    /// A span without a non-empty `tenant.id` attribute is recorded with status
    /// `.error(code: "telemetry.missing_tenant")` whatever `status` says, and counted by the tracer.
    public func end(status: SpanStatus = .ok) {
        let endTime = tracer.now()
        let snapshot: State? = state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            return state
        }
        guard let snapshot else { return }
        tracer.finish(
            Span(
                name: name,
                traceID: context.traceID,
                spanID: context.spanID,
                parentSpanID: parentSpanID,
                kind: kind,
                startTimeUnixNano: startTimeUnixNano,
                endTimeUnixNano: max(endTime, startTimeUnixNano),
                attributes: snapshot.attributes,
                status: status,
                events: snapshot.events
            )
        )
    }
}
