import Foundation

extension CedarBench {
    /// The figures of one run, printed as text or JSON.
    struct Report {
        let workload: CedarWorkload
        let parseMilliseconds: Double
        let disagreements: Int
        let decide: LatencyStats
        let parseAndDecide: LatencyStats

        var text: String {
            let requests = workload.items.count
            return """
                agentry cedar: \(workload.policies.policyIDs.count) policies, \(workload.entities.count) entities, \
                \(requests) requests (parsed in \(String(format: "%.1f", parseMilliseconds)) ms)
                agreement with expected.jsonl: \(requests - disagreements)/\(requests)
                isAuthorized:          \(line(decide))
                build request + decide: \(line(parseAndDecide))
                """
        }

        var json: String {
            """
            {"engine": "agentry", "policies": \(workload.policies.policyIDs.count), \
            "entities": \(workload.entities.count), "requests": \(workload.items.count), \
            "agree": \(workload.items.count - disagreements), "disagree": \(disagreements), \
            "parse_ms": \(String(format: "%.2f", parseMilliseconds)), \
            "decide": \(decide.json), "request_and_decide": \(parseAndDecide.json)}
            """
        }

        private func line(_ stats: LatencyStats) -> String {
            String(
                format: "p50 %.2f µs  p99 %.2f µs  p99.9 %.2f µs  mean %.2f µs  %.0f decisions/s (%d timed)",
                stats.p50,
                stats.p99,
                stats.p999,
                stats.mean,
                stats.throughput,
                stats.count
            )
        }
    }
}
