import Foundation

/// Percentiles and throughput of a set of per-decision timings.
struct LatencyStats {
    /// Number of timed decisions.
    let count: Int
    /// Median, in microseconds.
    let p50: Double
    /// 99th percentile, in microseconds.
    let p99: Double
    /// 99.9th percentile, in microseconds.
    let p999: Double
    /// Mean, in microseconds.
    let mean: Double
    /// Decisions per second on one thread, from the sum of the timings.
    let throughput: Double

    /// Computes the statistics of `nanoseconds` (one entry per decision).
    init(nanoseconds: [UInt64]) {
        let sorted = nanoseconds.sorted()
        func percentile(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            // Nearest-rank percentile: the smallest sample with at least `fraction` of the samples at or below it.
            let rank = Int((fraction * Double(sorted.count)).rounded(.up))
            return Double(sorted[max(0, min(sorted.count - 1, rank - 1))]) / 1_000
        }
        let total = sorted.reduce(0.0) { $0 + Double($1) }
        count = sorted.count
        p50 = percentile(0.50)
        p99 = percentile(0.99)
        p999 = percentile(0.999)
        mean = sorted.isEmpty ? 0 : total / Double(sorted.count) / 1_000
        throughput = total > 0 ? Double(sorted.count) / (total / 1_000_000_000) : 0
    }

    /// The figures as a JSON object (microseconds, decisions per second).
    var json: String {
        String(
            format: "{\"decisions\": %d, \"p50_us\": %.2f, \"p99_us\": %.2f, \"p999_us\": %.2f, \"mean_us\": %.2f, "
                + "\"throughput_per_s\": %.0f}",
            count,
            p50,
            p99,
            p999,
            mean,
            throughput
        )
    }
}
