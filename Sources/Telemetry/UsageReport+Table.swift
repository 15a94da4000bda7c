import Foundation

extension UsageReport {
    /// The report as an aligned plain-text table (for `agentry report usage`): one row per tenant, then totals.
    ///
    /// Numbers are right-aligned; CPU seconds show three decimals, p95 latency one, costs four. A `cost` column
    /// appears only when the report was priced.
    public func renderTable() -> String {
        var header = [
            "tenant", "tokens_in", "tokens_out", "embeddings", "vector_q", "tool_calls", "cpu_s", "invocations",
            "errors", "p95_ms",
        ]
        if let currency { header.append("cost_\(currency.lowercased())") }
        let rows = tenants.map { row(label: $0.tenantID, $0.usage) }
        let total = row(label: "TOTAL", totals)

        // Column widths cover the header and every cell.
        let all = [header] + rows + [total]
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")

        var lines = [window, format(header, widths), rule]
        lines += rows.map { format($0, widths) }
        lines += [rule, format(total, widths)]
        return lines.joined(separator: "\n") + "\n"
    }

    private var window: String {
        let style = Date.ISO8601FormatStyle()
        let from = since.map { style.format($0) } ?? "beginning"
        let to = until.map { style.format($0) } ?? "now"
        return "usage from \(from) to \(to)"
    }

    private func row(label: String, _ usage: UsageFigures) -> [String] {
        var cells = [
            label, "\(usage.tokensIn)", "\(usage.tokensOut)", "\(usage.embeddings)", "\(usage.vectorQueries)",
            "\(usage.toolCalls)", Self.fixed(usage.cpuSeconds, 3), "\(usage.invocations)", "\(usage.errors)",
            usage.p95LatencyMS.map { Self.fixed($0, 1) } ?? "-",
        ]
        if currency != nil { cells.append(usage.cost.map { Self.fixed($0, 4) } ?? "-") }
        return cells
    }

    /// First column left-aligned, the rest right-aligned.
    private func format(_ cells: [String], _ widths: [Int]) -> String {
        let padded = cells.enumerated().map { column, cell in
            let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
            return column == 0 ? cell + padding : padding + cell
        }
        return padded.joined(separator: "  ")
    }

    private static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
