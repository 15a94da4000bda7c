/// A monotonically increasing count, labelled by tenant and optional extra labels.
public struct Counter: Sendable {
    let family: MetricFamily

    /// The metric's name as rendered.
    public var name: String { family.name }

    /// Adds `amount` (default 1) to the series for `tenant` and `labels`; negative or non-finite amounts are
    /// ignored, as a counter never goes down.
    ///
    /// - Parameters:
    ///   - tenant: the tenant id, rendered as the `tenant` label (`_platform` for platform work; an empty id is
    ///     rendered as `_missing` so it stands out).
    ///   - labels: extra labels; a `tenant` key here is overridden by `tenant`.
    ///   - amount: how much to add (default 1).
    public func increment(tenant: String, labels: [String: String] = [:], by amount: Double = 1) {
        guard amount.isFinite, amount >= 0 else { return }
        family.add(amount, labels: MetricLabels.make(tenant: tenant, labels: labels, reserved: []))
    }
}

/// A distribution of observed values in cumulative buckets, labelled by tenant and optional extra labels.
public struct Histogram: Sendable {
    let family: MetricFamily

    /// The metric's name as rendered.
    public var name: String { family.name }

    /// The bucket upper bounds, ascending (the `+Inf` bucket is implicit).
    public var buckets: [Double] { family.buckets }

    /// Records one observation (NaN is ignored).
    ///
    /// - Parameters:
    ///   - value: the observation, e.g. a latency in seconds.
    ///   - tenant: the tenant id, rendered as the `tenant` label (empty renders as `_missing`).
    ///   - labels: extra labels; `le` is reserved and dropped, `tenant` is overridden.
    public func observe(_ value: Double, tenant: String, labels: [String: String] = [:]) {
        guard !value.isNaN else { return }
        family.observe(value, labels: MetricLabels.make(tenant: tenant, labels: labels, reserved: ["le"]))
    }
}

/// Label-set rules shared by counters and histograms.
enum MetricLabels {
    /// The `tenant` label value used when a caller passes an empty tenant id.
    static let missingTenant = "_missing"

    static func make(tenant: String, labels: [String: String], reserved: Set<String>) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in labels {
            let name = PrometheusText.sanitize(labelName: key)
            guard !reserved.contains(name) else { continue }
            result[name] = value
        }
        result["tenant"] = tenant.isEmpty ? missingTenant : tenant
        return result
    }
}
