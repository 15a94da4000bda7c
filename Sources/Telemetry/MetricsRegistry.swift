import Synchronization

/// The process's counters and histograms, rendered in the Prometheus text exposition format.
///
/// Every series carries a `tenant` label. Thread-safe: registration takes the registry's lock, updates take only
/// their metric's lock.
public final class MetricsRegistry: Sendable {
    /// The `Content-Type` of ``renderPrometheus()`` output.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Default histogram bounds, in seconds: 5 ms to 10 s.
    public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    private let families = Mutex<[String: MetricFamily]>([:])

    /// Creates an empty registry.
    public init() {}

    /// The counter named `name`, registering it on first use.
    ///
    /// Names are sanitised to `[a-zA-Z_:][a-zA-Z0-9_:]*`; by convention a counter's name ends in `_total`.
    /// - Throws: ``TelemetryError`` `telemetry.metric_conflict` when `name` is already a histogram.
    public func counter(_ name: String, help: String) throws -> Counter {
        Counter(family: try family(name, help: help, kind: .counter, buckets: []))
    }

    /// The histogram named `name`, registering it on first use with `buckets` (sorted, de-duplicated, finite).
    ///
    /// - Throws: ``TelemetryError`` `telemetry.metric_conflict` when `name` is already a counter.
    public func histogram(_ name: String, help: String, buckets: [Double] = defaultBuckets) throws -> Histogram {
        let bounds = Array(Set(buckets.filter(\.isFinite))).sorted()
        return Histogram(family: try family(name, help: help, kind: .histogram, buckets: bounds))
    }

    /// Every metric in the text exposition format, metrics and series in a stable sorted order.
    public func renderPrometheus() -> String {
        let all = families.withLock { $0.values.sorted { $0.name < $1.name } }
        return all.map(PrometheusText.render).joined()
    }

    private func family(
        _ rawName: String,
        help: String,
        kind: MetricFamily.Kind,
        buckets: [Double]
    ) throws -> MetricFamily {
        let name = PrometheusText.sanitize(metricName: rawName)
        return try families.withLock { families in
            if let existing = families[name] {
                guard existing.kind == kind else { throw TelemetryError.metricConflict(name) }
                return existing
            }
            let created = MetricFamily(name: name, help: help, kind: kind, buckets: buckets)
            families[name] = created
            return created
        }
    }
}
