import Authorization
import Dispatch
import Foundation

/// `agentry-bench cedar`: authorisation latency and throughput on a realistic workload, with every decision
/// checked against the reference engine's.
enum CedarBench {
    static let usage = """
        usage: agentry-bench cedar --dir DIR [--iterations N] [--warmup N] [--json]
               agentry-bench cedar diff --cases FILE.jsonl [--fixtures DIR]
        """

    /// Runs the subcommand; returns the process exit status.
    static func run(_ arguments: [String]) throws -> Int32 {
        if arguments.first == "diff" { return try CedarDifferential.run(Array(arguments.dropFirst())) }
        let options = try BenchArguments(arguments)
        guard let directory = options.string("dir") else { throw BenchUsageError("`--dir` is required") }
        let iterations = max(1, try options.integer("iterations", default: 5))
        let warmup = try options.integer("warmup", default: 1)

        // Parse once, outside the timed region.
        let started = DispatchTime.now().uptimeNanoseconds
        let workload = try CedarWorkload(directory: URL(fileURLWithPath: directory))
        let parseMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000

        // Check every decision once, then warm up, then time each decision on its own.
        let disagreements = agreementCheck(workload)
        for _ in 0..<warmup { _ = timeDecisions(workload) }
        var decide: [UInt64] = []
        var parseAndDecide: [UInt64] = []
        for _ in 0..<iterations {
            decide += timeDecisions(workload)
            parseAndDecide += timeParseAndDecide(workload)
        }
        let report = Report(
            workload: workload,
            parseMilliseconds: parseMilliseconds,
            disagreements: disagreements,
            decide: LatencyStats(nanoseconds: decide),
            parseAndDecide: LatencyStats(nanoseconds: parseAndDecide)
        )
        print(options.flag("json") ? report.json : report.text)
        return disagreements == 0 ? 0 : 1
    }

    /// The number of requests whose answer differs from `expected.jsonl`.
    static func agreementCheck(_ workload: CedarWorkload) -> Int {
        let authorizer = Authorizer()
        var disagreements = 0
        for (item, expected) in zip(workload.items, workload.expected) {
            let response = authorizer.isAuthorized(
                item.request,
                policies: workload.policies,
                entities: workload.entities
            )
            if !CedarWorkload.agrees(response, expected) { disagreements += 1 }
        }
        return disagreements
    }

    /// One pass over the prebuilt requests, timing each `isAuthorized` call.
    static func timeDecisions(_ workload: CedarWorkload) -> [UInt64] {
        let authorizer = Authorizer()
        var timings: [UInt64] = []
        timings.reserveCapacity(workload.items.count)
        var allowed = 0
        for item in workload.items {
            let start = DispatchTime.now().uptimeNanoseconds
            let response = authorizer.isAuthorized(
                item.request,
                policies: workload.policies,
                entities: workload.entities
            )
            let end = DispatchTime.now().uptimeNanoseconds
            if response.decision == .allow { allowed += 1 }
            timings.append(end - start)
        }
        // Keep the decisions observable so the optimiser cannot drop the calls.
        if allowed < 0 { print(allowed) }
        return timings
    }

    /// One pass that also builds each request from its parsed JSON, as a server would per call.
    static func timeParseAndDecide(_ workload: CedarWorkload) -> [UInt64] {
        let authorizer = Authorizer()
        var timings: [UInt64] = []
        timings.reserveCapacity(workload.items.count)
        var allowed = 0
        for item in workload.items {
            let start = DispatchTime.now().uptimeNanoseconds
            if let request = try? CedarWorkload.request(item.json) {
                let response = authorizer.isAuthorized(
                    request,
                    policies: workload.policies,
                    entities: workload.entities
                )
                if response.decision == .allow { allowed += 1 }
            }
            timings.append(DispatchTime.now().uptimeNanoseconds - start)
        }
        if allowed < 0 { print(allowed) }
        return timings
    }
}
