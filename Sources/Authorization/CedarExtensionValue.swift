/// A value of one of Cedar's extension types.
public enum CedarExtensionValue: Hashable, Sendable {
    /// A fixed-point decimal with four fractional digits, stored as value × 10⁴.
    case decimal(Int64)
    /// An IPv4 or IPv6 address or CIDR range.
    case ipaddr(IPAddress)
    /// An instant, in milliseconds since the Unix epoch (no leap seconds).
    case datetime(Int64)
    /// A signed span of time in milliseconds.
    case duration(Int64)

    /// The Cedar type name: `decimal`, `ipaddr`, `datetime` or `duration`.
    public var typeName: String {
        switch self {
        case .decimal: "decimal"
        case .ipaddr: "ipaddr"
        case .datetime: "datetime"
        case .duration: "duration"
        }
    }

    /// Parses a `decimal` literal such as `-12.3456` (at most four fractional digits); nil when malformed or
    /// out of range.
    public static func parseDecimal(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        let negative = bytes.first == UInt8(ascii: "-")
        let body = negative ? bytes.dropFirst() : bytes[...]
        guard let dot = body.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let whole = body[body.startIndex..<dot]
        let fraction = body[(dot + 1)...]
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        guard !whole.isEmpty, !fraction.isEmpty, whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit),
            fraction.count <= 4
        else { return nil }

        // Accumulate as a negative number so that the most negative decimal is representable.
        var value: Int64 = 0
        for digit in whole + fraction + Array(repeating: UInt8(ascii: "0"), count: 4 - fraction.count) {
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = shifted.subtractingReportingOverflow(Int64(digit - 48))
            if o1 || o2 { return nil }
            value = next
        }
        if negative { return value }
        let (positive, overflow) = Int64(0).subtractingReportingOverflow(value)
        return overflow ? nil : positive
    }
}
