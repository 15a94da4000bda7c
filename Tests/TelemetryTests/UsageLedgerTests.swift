import Foundation
import Storage
import Testing

@testable import Telemetry

@Suite("Usage ledger")
struct UsageLedgerTests {
    private let base = Date(timeIntervalSince1970: 1_780_000_000)

    /// A fixed mix of usage over three tenants.
    private func sampleEntries() -> [UsageEntry] {
        var entries: [UsageEntry] = []
        let tenants = ["acme", "globex", "initech"]
        for index in 0..<60 {
            let tenant = tenants[index % 3]
            let at = base.addingTimeInterval(Double(index))
            entries.append(UsageEntry(tenantID: tenant, kind: .tokensIn, quantity: Double(100 + index), at: at))
            entries.append(UsageEntry(tenantID: tenant, kind: .tokensOut, quantity: Double(7 * index), at: at))
            entries.append(UsageEntry(tenantID: tenant, kind: .cpuSeconds, quantity: 0.125 * Double(index), at: at))
            if index % 2 == 0 {
                entries.append(UsageEntry(tenantID: tenant, kind: .toolCalls, quantity: 2, at: at))
                entries.append(UsageEntry(tenantID: tenant, kind: .embeddings, quantity: 5, at: at))
                entries.append(UsageEntry(tenantID: tenant, kind: .vectorQueries, quantity: 1, at: at))
            }
            entries.append(
                .invocation(tenantID: tenant, latencyMS: Double(10 * (index + 1)), isError: index % 7 == 0, at: at)
            )
        }
        return entries
    }

    /// The figures the report should give for `tenant`, computed straight from the entries.
    private func expected(
        _ entries: [UsageEntry],
        tenant: String
    ) -> (
        tokensIn: Int, tokensOut: Int, cpu: Double,
        tools: Int, embeddings: Int, queries: Int, invocations: Int, errors: Int
    ) {
        let mine = entries.filter { $0.tenantID == tenant }
        func total(_ kind: UsageKind) -> Double { mine.filter { $0.kind == kind }.map(\.quantity).reduce(0, +) }
        return (
            Int(total(.tokensIn)), Int(total(.tokensOut)), total(.cpuSeconds), Int(total(.toolCalls)),
            Int(total(.embeddings)), Int(total(.vectorQueries)), Int(total(.invocations)),
            mine.filter(\.isError).count
        )
    }

    @Test("per-tenant figures match the entries and totals are their exact sums")
    func sums() throws {
        let ledger = try UsageLedger(path: ":memory:")
        let entries = sampleEntries()
        try ledger.record(entries)
        let report = try ledger.report()

        #expect(report.tenants.map(\.tenantID) == ["acme", "globex", "initech"])
        for line in report.tenants {
            let want = expected(entries, tenant: line.tenantID)
            #expect(line.usage.tokensIn == want.tokensIn)
            #expect(line.usage.tokensOut == want.tokensOut)
            #expect(line.usage.cpuSeconds == want.cpu)
            #expect(line.usage.toolCalls == want.tools)
            #expect(line.usage.embeddings == want.embeddings)
            #expect(line.usage.vectorQueries == want.queries)
            #expect(line.usage.invocations == want.invocations)
            #expect(line.usage.errors == want.errors)
        }

        let lines = report.tenants.map(\.usage)
        #expect(report.totals.tokensIn == lines.map(\.tokensIn).reduce(0, +))
        #expect(report.totals.tokensOut == lines.map(\.tokensOut).reduce(0, +))
        #expect(report.totals.cpuSeconds == lines.map(\.cpuSeconds).reduce(0, +))
        #expect(report.totals.toolCalls == lines.map(\.toolCalls).reduce(0, +))
        #expect(report.totals.embeddings == lines.map(\.embeddings).reduce(0, +))
        #expect(report.totals.vectorQueries == lines.map(\.vectorQueries).reduce(0, +))
        #expect(report.totals.invocations == lines.map(\.invocations).reduce(0, +))
        #expect(report.totals.errors == lines.map(\.errors).reduce(0, +))
        #expect(report.totals.invocations == 60)
        #expect(report.totals.tokensIn == (0..<60).map { 100 + $0 }.reduce(0, +))
    }

    @Test("p95 is the nearest rank over each tenant's latencies and over everyone's")
    func percentile() throws {
        let ledger = try UsageLedger(path: ":memory:")
        // acme: 1…20 ms shuffled; globex: a single 250 ms invocation; initech: 1…100 ms.
        for latency in (1...20).shuffled() { try ledger.recordInvocation(tenantID: "acme", latencyMS: Double(latency)) }
        try ledger.recordInvocation(tenantID: "globex", latencyMS: 250)
        for latency in 1...100 { try ledger.recordInvocation(tenantID: "initech", latencyMS: Double(latency)) }

        let report = try ledger.report()
        #expect(report.usage(for: "acme")?.p95LatencyMS == 19)
        #expect(report.usage(for: "globex")?.p95LatencyMS == 250)
        #expect(report.usage(for: "initech")?.p95LatencyMS == 95)

        // All 121 latencies: rank ceil(0.95 × 121) = 115 of the sorted list.
        let all = ((1...20).map(Double.init) + [250] + (1...100).map(Double.init)).sorted()
        #expect(report.totals.p95LatencyMS == all[114])
    }

    @Test("a tenant without invocations has no p95")
    func noInvocations() throws {
        let ledger = try UsageLedger(path: ":memory:")
        try ledger.record(tenantID: "acme", kind: .tokensIn, quantity: 10)
        let report = try ledger.report()
        #expect(report.usage(for: "acme")?.p95LatencyMS == nil)
        #expect(report.totals.p95LatencyMS == nil)
    }

    @Test("an empty tenant id is rejected and nothing is written", arguments: ["", "   ", "\n"])
    func emptyTenant(tenant: String) throws {
        let ledger = try UsageLedger(path: ":memory:")
        #expect(throws: TelemetryError.missingTenant) {
            try ledger.record(tenantID: tenant, kind: .tokensIn, quantity: 10)
        }
        #expect(throws: TelemetryError.missingTenant) {
            try ledger.record([
                UsageEntry(tenantID: "acme", kind: .tokensIn, quantity: 1),
                UsageEntry(tenantID: tenant, kind: .tokensIn, quantity: 1),
            ])
        }
        #expect(try ledger.entries().isEmpty)
    }

    @Test(
        "quantities that were not counted properly are rejected",
        arguments: [
            UsageEntry(tenantID: "acme", kind: .tokensIn, quantity: -1),
            UsageEntry(tenantID: "acme", kind: .tokensOut, quantity: .nan),
            UsageEntry(tenantID: "acme", kind: .tokensOut, quantity: .infinity),
            UsageEntry(tenantID: "acme", kind: .toolCalls, quantity: 1.5),
            UsageEntry(tenantID: "acme", kind: .invocations, quantity: 1),
            UsageEntry(tenantID: "acme", kind: .invocations, quantity: 2, latencyMS: 5),
            UsageEntry(tenantID: "acme", kind: .tokensIn, quantity: 3, latencyMS: 5),
            UsageEntry(tenantID: "acme", kind: .tokensIn, quantity: 3, isError: true),
            UsageEntry.invocation(tenantID: "acme", latencyMS: -3),
        ]
    )
    func invalidQuantity(entry: UsageEntry) throws {
        let ledger = try UsageLedger(path: ":memory:")
        #expect(throws: TelemetryError.self) { try ledger.record(entry) }
        #expect(try ledger.entries().isEmpty)
    }

    @Test("fractional CPU seconds are kept exactly")
    func cpuSeconds() throws {
        let ledger = try UsageLedger(path: ":memory:")
        try ledger.record(tenantID: "acme", kind: .cpuSeconds, quantity: 0.25)
        try ledger.record(tenantID: "acme", kind: .cpuSeconds, quantity: 1.5)
        #expect(try ledger.report().usage(for: "acme")?.cpuSeconds == 1.75)
    }

    @Test("the window includes since and excludes until")
    func window() throws {
        let ledger = try UsageLedger(path: ":memory:")
        for offset in 0..<10 {
            try ledger.record(
                tenantID: "acme",
                kind: .toolCalls,
                quantity: 1,
                at: base.addingTimeInterval(Double(offset))
            )
        }
        let report = try ledger.report(since: base.addingTimeInterval(2), until: base.addingTimeInterval(5))
        #expect(report.usage(for: "acme")?.toolCalls == 3)
        #expect(try ledger.report(since: base.addingTimeInterval(100)).tenants.isEmpty)
        #expect(try ledger.entries(since: base.addingTimeInterval(8)).count == 2)
    }

    @Test("entries survive closing and reopening the ledger file")
    func persistence() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).db").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let entries = sampleEntries()
        let before: UsageReport
        do {
            let ledger = try UsageLedger(path: path)
            try ledger.record(entries)
            before = try ledger.report()
        }
        let reopened = try UsageLedger(path: path)
        let after = try reopened.report()
        #expect(after.tenants == before.tenants)
        #expect(after.totals == before.totals)
        let stored = try reopened.entries(tenantID: "globex")
        #expect(stored.count == entries.filter { $0.tenantID == "globex" }.count)
        #expect(stored.first?.at == entries.first { $0.tenantID == "globex" }?.at)

        // A second open must not rerun the schema or its guards.
        _ = try UsageLedger(path: path)
        #expect(try UsageLedger(path: path).entries().count == entries.count)
    }

    @Test("rows cannot be updated or deleted")
    func appendOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString).db").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let ledger = try UsageLedger(path: path)
        try ledger.record(tenantID: "acme", kind: .tokensIn, quantity: 10)
        let raw = try SQLiteDatabase(path: path)
        #expect(throws: StorageError.self) { try raw.execute("UPDATE usage_ledger SET quantity = 0") }
        #expect(throws: StorageError.self) { try raw.execute("DELETE FROM usage_ledger") }
        #expect(try ledger.report().usage(for: "acme")?.tokensIn == 10)
    }

    @Test("a price sheet gives each tenant its cost and the total their sum")
    func chargeback() throws {
        let ledger = try UsageLedger(path: ":memory:")
        try ledger.record(sampleEntries())
        let prices = PriceSheet(
            currency: "EUR",
            unitPrices: [.tokensIn: 0.000001, .tokensOut: 0.000002, .cpuSeconds: 0.01, .toolCalls: 0.001]
        )
        let report = try ledger.report(prices: prices)
        #expect(report.currency == "EUR")
        for line in report.tenants {
            let usage = line.usage
            let want =
                Double(usage.tokensIn) * 0.000001 + Double(usage.tokensOut) * 0.000002
                + usage.cpuSeconds * 0.01 + Double(usage.toolCalls) * 0.001
            #expect(abs((usage.cost ?? -1) - want) < 1e-12)
        }
        #expect(report.totals.cost == report.tenants.compactMap(\.usage.cost).reduce(0, +))
        #expect(try ledger.report().totals.cost == nil)
    }

    @Test("the report round-trips through JSON with snake_case keys and ISO dates")
    func json() throws {
        let ledger = try UsageLedger(path: ":memory:")
        try ledger.record(sampleEntries())
        let report = try ledger.report(since: base, until: base.addingTimeInterval(3600))
        let data = try report.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"tenant_id\" : \"acme\""))
        #expect(text.contains("\"p95_latency_ms\""))
        #expect(text.contains("\"since\" : \"2026-"))

        let decoded = try JSONDecoder().decode(UsageReport.self, from: data)
        #expect(decoded.tenants == report.tenants)
        #expect(decoded.totals == report.totals)
        #expect(decoded.since == report.since)
    }

    @Test("the text table aligns every column and ends with the totals")
    func table() throws {
        let ledger = try UsageLedger(path: ":memory:")
        try ledger.record(sampleEntries())
        let text = try ledger.report(prices: PriceSheet(unitPrices: [.tokensIn: 0.000001])).renderTable()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)  // window, header, rule, 3 tenants, rule, totals
        #expect(lines[0].hasPrefix("usage from beginning to now"))
        #expect(lines[1].hasPrefix("tenant"))
        #expect(lines[1].hasSuffix("cost_usd"))
        #expect(lines[7].hasPrefix("TOTAL"))
        #expect(Set(lines.dropFirst().map(\.count)).count == 1)
        let totalTokens = try ledger.report().totals.tokensIn
        #expect(lines[7].contains(" \(totalTokens) "))
    }
}
