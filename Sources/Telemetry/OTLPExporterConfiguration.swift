import Foundation

/// Where and how an ``OTLPHTTPExporter`` sends spans.
public struct OTLPExporterConfiguration: Sendable, Equatable {
    /// The full URL spans are POSTed to, e.g. `http://127.0.0.1:4318/v1/traces`.
    public var tracesEndpoint: URL
    /// The `service.name` resource attribute. Default `agentry`.
    public var serviceName: String
    /// Further resource attributes (e.g. `deployment.environment`); `service.name` comes from ``serviceName``.
    public var resourceAttributes: [String: AttributeValue]
    /// Extra request headers, e.g. a collector's API key. Default none.
    public var headers: [String: String]
    /// How often queued spans are sent. Default 1 second.
    public var flushInterval: Duration
    /// Most spans held while waiting to be sent; the oldest are dropped (and counted) beyond it. Default 2048.
    public var maxQueueSize: Int
    /// Most spans in one request. Default 512.
    public var maxBatchSize: Int
    /// Time limit for one export request. Default 10 seconds.
    public var requestTimeout: Duration

    /// Creates a configuration that sends to `tracesEndpoint` exactly as given.
    public init(
        tracesEndpoint: URL,
        serviceName: String = "agentry",
        resourceAttributes: [String: AttributeValue] = [:],
        headers: [String: String] = [:],
        flushInterval: Duration = .seconds(1),
        maxQueueSize: Int = 2048,
        maxBatchSize: Int = 512,
        requestTimeout: Duration = .seconds(10)
    ) {
        self.tracesEndpoint = tracesEndpoint
        self.serviceName = serviceName
        self.resourceAttributes = resourceAttributes
        self.headers = headers
        self.flushInterval = flushInterval
        self.maxQueueSize = max(1, maxQueueSize)
        self.maxBatchSize = max(1, maxBatchSize)
        self.requestTimeout = requestTimeout
    }

    /// The signal URL for a base endpoint: `<base>/v1/traces`, as OTLP/HTTP builds it from
    /// `OTEL_EXPORTER_OTLP_ENDPOINT` (a trailing slash on the base is not doubled).
    public static func tracesURL(base: URL) -> URL? {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + "/v1/traces")
    }

    /// Reads the standard OpenTelemetry variables; nil when export is not configured (or `OTEL_SDK_DISABLED`).
    ///
    /// - `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`: the traces URL, used as is (takes precedence);
    /// - `OTEL_EXPORTER_OTLP_ENDPOINT`: a base URL, to which `/v1/traces` is appended;
    /// - `OTEL_SERVICE_NAME`: the service name (default `agentry`);
    /// - `OTEL_RESOURCE_ATTRIBUTES`: `key=value,…` resource attributes (percent-encoded values);
    /// - `OTEL_EXPORTER_OTLP_HEADERS` / `OTEL_EXPORTER_OTLP_TRACES_HEADERS`: `key=value,…` request headers.
    ///
    /// Only OTLP/HTTP with JSON bodies is spoken; `OTEL_EXPORTER_OTLP_PROTOCOL` is not consulted.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> OTLPExporterConfiguration? {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        guard value("OTEL_SDK_DISABLED")?.lowercased() != "true" else { return nil }

        // The signal-specific variable is a complete URL; the generic one is a base that gets the signal path.
        let endpoint: URL?
        if let traces = value("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") {
            endpoint = URL(string: traces)
        } else if let base = value("OTEL_EXPORTER_OTLP_ENDPOINT").flatMap(URL.init(string:)) {
            endpoint = tracesURL(base: base)
        } else {
            endpoint = nil
        }
        guard let endpoint, endpoint.scheme == "http" || endpoint.scheme == "https" else { return nil }

        var resource = parsePairs(value("OTEL_RESOURCE_ATTRIBUTES")).mapValues { AttributeValue.string($0) }
        let serviceName = value("OTEL_SERVICE_NAME") ?? resource["service.name"]?.stringValue ?? "agentry"
        resource["service.name"] = nil
        let headers = parsePairs(value("OTEL_EXPORTER_OTLP_HEADERS"))
            .merging(parsePairs(value("OTEL_EXPORTER_OTLP_TRACES_HEADERS"))) { _, specific in specific }
        return OTLPExporterConfiguration(
            tracesEndpoint: endpoint,
            serviceName: serviceName,
            resourceAttributes: resource,
            headers: headers
        )
    }

    /// Parses the W3C-Baggage-like `key=value,key2=value2` lists the OTel variables use; bad members are skipped.
    static func parsePairs(_ text: String?) -> [String: String] {
        guard let text else { return [:] }
        var pairs: [String: String] = [:]
        for member in text.split(separator: ",") {
            let parts = member.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            let raw = parts[1].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { continue }
            pairs[key] = raw.removingPercentEncoding ?? raw
        }
        return pairs
    }
}
