import Synchronization

/// One named metric and all its labelled series; shared by the registry and the handles that update it.
final class MetricFamily: Sendable {
    /// Counter or histogram.
    enum Kind: String, Sendable {
        case counter, histogram
    }

    /// One series' running state.
    struct Series: Sendable {
        var value = 0.0
        var bucketCounts: [UInt64]
        var count: UInt64 = 0
        var sum = 0.0
    }

    let name: String
    let help: String
    let kind: Kind
    /// Histogram upper bounds, ascending, without `+Inf`.
    let buckets: [Double]
    let series = Mutex<[[String: String]: Series]>([:])

    init(name: String, help: String, kind: Kind, buckets: [Double] = []) {
        self.name = name
        self.help = help
        self.kind = kind
        self.buckets = buckets
    }

    func add(_ amount: Double, labels: [String: String]) {
        series.withLock { all in
            all[labels, default: Series(bucketCounts: [])].value += amount
        }
    }

    func observe(_ value: Double, labels: [String: String]) {
        // The first bound at or above the value takes it; beyond the last bound it only counts towards +Inf.
        let index = buckets.firstIndex { value <= $0 }
        series.withLock { all in
            var entry = all[labels] ?? Series(bucketCounts: Array(repeating: 0, count: buckets.count))
            if let index { entry.bucketCounts[index] += 1 }
            entry.count += 1
            entry.sum += value
            all[labels] = entry
        }
    }

    func snapshot() -> [[String: String]: Series] {
        series.withLock { $0 }
    }
}
