import Foundation

/// Encodes spans as an OTLP `ExportTraceServiceRequest` in the OTLP/HTTP JSON mapping.
///
/// Follows the OTLP specification's JSON rules: lowerCamelCase keys, trace and span ids as lower-case hex (not
/// base64), enums as integers, 64-bit integers (timestamps, `intValue`) as decimal strings, non-finite doubles
/// as `"NaN"`/`"Infinity"`/`"-Infinity"`. All spans go in one resource and one scope.
public enum OTLPJSONEncoder {
    /// The instrumentation scope name spans are reported under.
    public static let scopeName = "agentry"

    /// The JSON body for `spans`.
    ///
    /// - Parameters:
    ///   - spans: finished spans, in the order to send them.
    ///   - serviceName: the `service.name` resource attribute.
    ///   - resourceAttributes: further resource attributes.
    /// - Returns: the UTF-8 JSON body of one `ExportTraceServiceRequest`.
    /// - Throws: only if Foundation's encoder fails, which these plain values do not cause.
    public static func encode(
        _ spans: [Span],
        serviceName: String,
        resourceAttributes: [String: AttributeValue] = [:]
    ) throws -> Data {
        var resource = resourceAttributes
        resource["service.name"] = .string(serviceName)
        let request = ExportRequest(
            resourceSpans: [
                ResourceSpans(
                    resource: Resource(attributes: keyValues(resource)),
                    scopeSpans: [ScopeSpans(scope: Scope(name: scopeName), spans: spans.map(WireSpan.init))]
                )
            ]
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        return try encoder.encode(request)
    }

    fileprivate static func keyValues(_ attributes: [String: AttributeValue]) -> [KeyValue] {
        attributes.keys.sorted().compactMap { key in attributes[key].map { KeyValue(key: key, value: $0) } }
    }
}

private struct ExportRequest: Encodable {
    let resourceSpans: [ResourceSpans]
}

private struct ResourceSpans: Encodable {
    let resource: Resource
    let scopeSpans: [ScopeSpans]
}

private struct Resource: Encodable {
    let attributes: [KeyValue]
}

private struct ScopeSpans: Encodable {
    let scope: Scope
    let spans: [WireSpan]
}

private struct Scope: Encodable {
    let name: String
}

private struct KeyValue: Encodable {
    let key: String
    let value: AttributeValue

    private enum CodingKeys: String, CodingKey { case key, value }
    private enum ValueKeys: String, CodingKey { case stringValue, intValue, doubleValue, boolValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        var any = container.nestedContainer(keyedBy: ValueKeys.self, forKey: .value)
        switch value {
        case .string(let text): try any.encode(text, forKey: .stringValue)
        case .int(let number): try any.encode(String(number), forKey: .intValue)
        case .double(let number): try any.encode(number, forKey: .doubleValue)
        case .bool(let flag): try any.encode(flag, forKey: .boolValue)
        }
    }
}

private struct WireStatus: Encodable {
    /// 0 unset, 1 ok, 2 error.
    let code: Int
    let message: String?

    init(_ status: SpanStatus) {
        switch status {
        case .unset: (code, message) = (0, nil)
        case .ok: (code, message) = (1, nil)
        case .error(let errorCode): (code, message) = (2, errorCode)
        }
    }
}

private struct WireEvent: Encodable {
    let timeUnixNano: String
    let name: String
    let attributes: [KeyValue]

    init(_ event: SpanEvent) {
        timeUnixNano = String(event.timeUnixNano)
        name = event.name
        attributes = OTLPJSONEncoder.keyValues(event.attributes)
    }
}

private struct WireSpan: Encodable {
    let traceId: String
    let spanId: String
    let parentSpanId: String?
    let name: String
    let kind: Int
    let startTimeUnixNano: String
    let endTimeUnixNano: String
    let attributes: [KeyValue]
    let events: [WireEvent]?
    let status: WireStatus

    init(_ span: Span) {
        traceId = span.traceID.lowercased()
        spanId = span.spanID.lowercased()
        parentSpanId = span.parentSpanID?.lowercased()
        name = span.name
        kind = span.kind.rawValue
        startTimeUnixNano = String(span.startTimeUnixNano)
        endTimeUnixNano = String(span.endTimeUnixNano)
        attributes = OTLPJSONEncoder.keyValues(span.attributes)
        events = span.events.isEmpty ? nil : span.events.map(WireEvent.init)
        status = WireStatus(span.status)
    }
}
