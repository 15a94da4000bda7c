/// What a span describes, with the integer values OTLP's `Span.SpanKind` enum gives them.
public enum SpanKind: Int, Sendable, Hashable, Codable, CaseIterable {
    /// An internal operation (the default).
    case `internal` = 1
    /// Handling an inbound request.
    case server = 2
    /// An outbound request to a remote service.
    case client = 3
    /// Handing a message to a broker or queue.
    case producer = 4
    /// Receiving a message from a broker or queue.
    case consumer = 5
}

/// How a span ended: not set, ok, or an error carrying a stable Agentry error code.
public enum SpanStatus: Sendable, Hashable, Codable {
    /// The operation did not say (OTLP code 0).
    case unset
    /// The operation succeeded (OTLP code 1).
    case ok
    /// The operation failed with a stable dotted code such as `gateway.tool_denied` (OTLP code 2).
    case error(code: String)

    /// The error code, or nil when the status is not an error.
    public var errorCode: String? {
        if case .error(let code) = self { return code }
        return nil
    }
}

/// A timestamped annotation on a span.
public struct SpanEvent: Sendable, Hashable, Codable {
    /// Short constant name of the event.
    public let name: String
    /// When it happened, in nanoseconds since the Unix epoch.
    public let timeUnixNano: UInt64
    /// Event attributes.
    public let attributes: [String: AttributeValue]

    /// Creates an event.
    public init(name: String, timeUnixNano: UInt64, attributes: [String: AttributeValue] = [:]) {
        self.name = name
        self.timeUnixNano = timeUnixNano
        self.attributes = attributes
    }
}

/// A finished span: an immutable record of one timed operation in a trace.
public struct Span: Sendable, Hashable, Codable {
    /// The attribute every span must carry: the tenant the work was done for (`_platform` for the platform).
    public static let tenantAttribute = "tenant.id"
    /// The status code given to a span that ended without ``tenantAttribute``.
    public static let missingTenantCode = "telemetry.missing_tenant"

    /// Short constant name of the operation, e.g. `runtime.invoke`.
    public let name: String
    /// The trace this span belongs to (32 lower-case hex digits).
    public let traceID: String
    /// This span's id (16 lower-case hex digits).
    public let spanID: String
    /// The parent span's id, or nil for a root span.
    public let parentSpanID: String?
    /// What kind of operation this was.
    public let kind: SpanKind
    /// Start time in nanoseconds since the Unix epoch.
    public let startTimeUnixNano: UInt64
    /// End time in nanoseconds since the Unix epoch.
    public let endTimeUnixNano: UInt64
    /// Attributes, always including ``tenantAttribute`` unless the span was flagged as missing it.
    public let attributes: [String: AttributeValue]
    /// How the operation ended.
    public let status: SpanStatus
    /// Annotations recorded while the span was open, in order.
    public let events: [SpanEvent]

    /// Creates a finished span.
    public init(
        name: String,
        traceID: String,
        spanID: String,
        parentSpanID: String?,
        kind: SpanKind,
        startTimeUnixNano: UInt64,
        endTimeUnixNano: UInt64,
        attributes: [String: AttributeValue],
        status: SpanStatus,
        events: [SpanEvent] = []
    ) {
        self.name = name
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.kind = kind
        self.startTimeUnixNano = startTimeUnixNano
        self.endTimeUnixNano = endTimeUnixNano
        self.attributes = attributes
        self.status = status
        self.events = events
    }

    /// The tenant id the span carries, or nil when it is missing or empty.
    public var tenantID: String? {
        guard let tenant = attributes[Self.tenantAttribute]?.stringValue, !tenant.isEmpty else { return nil }
        return tenant
    }

    /// The span's trace position, for parenting follow-up work or building a `traceparent` (flags: sampled).
    public var context: TraceContext {
        TraceContext(unchecked: traceID, spanID: spanID, flags: 0x01)
    }

    /// Duration in nanoseconds (zero if the clock went backwards).
    public var durationNanoseconds: UInt64 {
        endTimeUnixNano >= startTimeUnixNano ? endTimeUnixNano - startTimeUnixNano : 0
    }
}
