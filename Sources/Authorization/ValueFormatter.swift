/// Prints Cedar values, patterns and names as policy text (see ``ExprFormatter`` for the precedence levels).
enum ValueFormatter {
    /// The text of a value and its precedence level: 6 for negative numbers (a unary minus), 7 otherwise.
    static func render(_ value: CedarValue) -> (String, Int) {
        switch value {
        case .bool(let flag): return (flag ? "true" : "false", 7)
        case .long(let number): return (String(number), number < 0 ? 6 : 7)
        case .string(let text): return (quoted(text), 7)
        case .entity(let uid): return (uid.description, 7)
        case .set(let elements):
            let items = elements.map { ExprFormatter.format(.literal($0)) }.sorted()
            return ("[" + items.joined(separator: ", ") + "]", 7)
        case .record(let fields):
            let items = fields.sorted { $0.key < $1.key }.map { key, value in
                recordKey(key.unaliasedKey) + ": " + ExprFormatter.format(.literal(value))
            }
            return (items.isEmpty ? "{}" : "{ " + items.joined(separator: ", ") + " }", 7)
        case .extension(let value): return (extensionValue(value), 7)
        }
    }

    /// A string literal with Cedar escapes.
    static func quoted(_ text: String) -> String { "\"" + EntityUID.escape(text) + "\"" }

    /// A record key: bare when it is a plain identifier, quoted otherwise.
    static func recordKey(_ key: String) -> String { isPlainIdentifier(key) ? key : quoted(key) }

    /// True when `name` can be written bare after `.`, `has` or as a record key.
    static func isPlainIdentifier(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, first.isIdentifierStart, !Parser.reserved.contains(name) else { return false }
        return scalars.allSatisfy { $0.isIdentifierStart || $0.isASCIIDigit }
    }

    /// A `like` pattern body: wildcards as `*`, literal stars as `\*`.
    static func pattern(_ pattern: LikePattern) -> String {
        var out = ""
        for element in pattern.elements {
            switch element {
            case .wildcard: out += "*"
            case .scalar("*"): out += "\\*"
            case .scalar(let scalar): out += EntityUID.escape(String(scalar))
            }
        }
        return out
    }

    /// A constructor call that rebuilds the extension value.
    static func extensionValue(_ value: CedarExtensionValue) -> String {
        switch value {
        case .decimal(let scaled): "decimal(\(quoted(decimalText(scaled))))"
        case .ipaddr(let address): "ip(\(quoted(address.description)))"
        case .datetime(let instant): datetimeText(instant)
        case .duration(let span): "duration(\(quoted(durationText(span))))"
        }
    }

    /// `[-]whole.ffff` for a value stored as × 10⁴.
    static func decimalText(_ scaled: Int64) -> String {
        let magnitude = scaled.magnitude
        let fraction = String(magnitude % 10_000)
        let padded = String(repeating: "0", count: 4 - fraction.count) + fraction
        return (scaled < 0 ? "-" : "") + "\(magnitude / 10_000).\(padded)"
    }

    /// `[-]NdNhNmNsNms`, omitting zero units (`0ms` for zero).
    static func durationText(_ span: Int64) -> String {
        var rest = span.magnitude
        var out = span < 0 ? "-" : ""
        for (unit, size) in [("d", UInt64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        if rest > 0 || out.isEmpty || out == "-" { out += "\(rest)ms" }
        return out
    }

    /// `datetime("YYYY-MM-DDThh:mm:ss.SSSZ")`, or an offset from the epoch outside years 0000–9999.
    static func datetimeText(_ instant: Int64) -> String {
        guard let text = datetimeString(instant) else {
            return "datetime(\"1970-01-01T00:00:00.000Z\").offset(duration(\(quoted(durationText(instant)))))"
        }
        return "datetime(\(quoted(text)))"
    }

    /// `YYYY-MM-DDThh:mm:ss.SSSZ`; nil outside years 0000–9999, which the constructor cannot read.
    static func datetimeString(_ instant: Int64) -> String? {
        let day = CedarTime.millisecondsPerDay
        let remainder = instant % day
        let millis = remainder < 0 ? remainder + day : remainder
        let days = instant / day - (remainder < 0 ? 1 : 0)
        let (year, month, dayOfMonth) = civil(days)
        guard (0...9999).contains(year) else { return nil }
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(dayOfMonth, 2))"
        let time = "\(pad(millis / 3_600_000, 2)):\(pad(millis / 60_000 % 60, 2)):\(pad(millis / 1000 % 60, 2))"
        return "\(date)T\(time).\(pad(millis % 1000, 3))Z"
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    private static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }
}
