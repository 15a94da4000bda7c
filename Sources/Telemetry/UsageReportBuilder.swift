import Foundation
import Storage

/// Turns the ledger's grouped sums and latencies into a ``UsageReport``.
struct UsageReportBuilder {
    let prices: PriceSheet?

    func build(sums: [SQLRow], latencies: [SQLRow], since: Date?, until: Date?) -> UsageReport {
        // Per tenant: add each kind's sum, count errors, and price the quantity.
        var figures: [String: UsageFigures] = [:]
        for row in sums {
            guard let tenant = row.string("tenant_id"), let kind = row.string("kind").flatMap(UsageKind.init),
                let quantity = row.double("quantity")
            else { continue }
            var usage = figures[tenant] ?? UsageFigures()
            usage.add(kind, quantity)
            usage.errors += row.int("errors") ?? 0
            if let prices { usage.cost = (usage.cost ?? 0) + prices.cost(of: kind, quantity: quantity) }
            figures[tenant] = usage
        }

        // Percentiles per tenant and over everyone.
        var samples: [String: [Double]] = [:]
        for row in latencies {
            guard let tenant = row.string("tenant_id"), let latency = row.double("latency_ms") else { continue }
            samples[tenant, default: []].append(latency)
        }
        for (tenant, values) in samples { figures[tenant]?.p95LatencyMS = Self.nearestRank(percent: 95, of: values) }

        // Totals are sums of the tenant lines, so they match them exactly.
        let tenants = figures.keys.sorted().compactMap { id in figures[id].map { TenantUsage(tenantID: id, usage: $0) }
        }
        var totals = UsageFigures()
        if prices != nil { totals.cost = 0 }
        for tenant in tenants { totals.accumulate(tenant.usage) }
        totals.p95LatencyMS = Self.nearestRank(percent: 95, of: samples.values.flatMap { $0 })
        return UsageReport(since: since, until: until, currency: prices?.currency, tenants: tenants, totals: totals)
    }

    /// The nearest-rank percentile: the smallest value with at least `percent`% of the values at or below it.
    ///
    /// Integer arithmetic for the rank, so 95 % of 100 values is rank 95 exactly, not 96 by rounding error.
    static func nearestRank(percent: Int, of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = (percent * sorted.count + 99) / 100
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
