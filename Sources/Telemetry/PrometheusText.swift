/// The Prometheus text exposition format (version 0.0.4): names, escaping, numbers and metric blocks.
enum PrometheusText {
    /// Replaces characters outside `[a-zA-Z0-9_:]` with `_` and prefixes `_` when the name starts with a digit.
    static func sanitize(metricName: String) -> String {
        sanitize(metricName, allowColon: true)
    }

    /// Replaces characters outside `[a-zA-Z0-9_]` with `_` and prefixes `_` when the name starts with a digit.
    static func sanitize(labelName: String) -> String {
        sanitize(labelName, allowColon: false)
    }

    /// One metric's `# HELP`, `# TYPE` and sample lines.
    static func render(_ family: MetricFamily) -> String {
        var text = "# HELP \(family.name) \(escape(help: family.help))\n# TYPE \(family.name) \(family.kind.rawValue)\n"
        let series = family.snapshot().sorted { labelText($0.key) < labelText($1.key) }
        for (labels, entry) in series {
            switch family.kind {
            case .counter:
                text += "\(family.name)\(labelText(labels)) \(number(entry.value))\n"
            case .histogram:
                text += histogramLines(family, labels: labels, entry: entry)
            }
        }
        return text
    }

    /// Formats a sample value: integers without a fraction, `+Inf`, `-Inf`, `NaN` as Prometheus spells them.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func histogramLines(
        _ family: MetricFamily,
        labels: [String: String],
        entry: MetricFamily.Series
    ) -> String {
        var text = ""
        var cumulative: UInt64 = 0
        for (bound, count) in zip(family.buckets, entry.bucketCounts) {
            cumulative += count
            text += "\(family.name)_bucket\(labelText(labels, le: number(bound))) \(cumulative)\n"
        }
        text += "\(family.name)_bucket\(labelText(labels, le: "+Inf")) \(entry.count)\n"
        text += "\(family.name)_sum\(labelText(labels)) \(number(entry.sum))\n"
        text += "\(family.name)_count\(labelText(labels)) \(entry.count)\n"
        return text
    }

    /// `{a="1",b="2"}` with keys sorted and `le` last, or the empty string for no labels.
    private static func labelText(_ labels: [String: String], le: String? = nil) -> String {
        var pairs = labels.keys.sorted().map { "\($0)=\"\(escape(labelValue: labels[$0] ?? ""))\"" }
        if let le { pairs.append("le=\"\(le)\"") }
        return pairs.isEmpty ? "" : "{\(pairs.joined(separator: ","))}"
    }

    private static func escape(help: String) -> String {
        help.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
    }

    private static func escape(labelValue: String) -> String {
        labelValue.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"").replacingAll("\n", with: "\\n")
    }

    private static func sanitize(_ name: String, allowColon: Bool) -> String {
        var result = String(
            name.unicodeScalars.map { scalar -> Character in
                let allowed =
                    (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                    || scalar == "_" || (allowColon && scalar == ":")
                return allowed ? Character(scalar) : "_"
            }
        )
        if result.isEmpty || result.first?.isNumber == true { result = "_" + result }
        return result
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
