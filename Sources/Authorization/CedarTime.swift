/// Parsing for the `datetime` and `duration` extension constructors, as the reference engine accepts them.
package enum CedarTime {
    static let millisecondsPerDay: Int64 = 86_400_000

    /// Parses `YYYY-MM-DD`, optionally followed by `Thh:mm:ss`, optional `.SSS`, and `Z` or `(+|-)hhmm`;
    /// returns milliseconds since the Unix epoch.
    package static func parseDatetime(_ text: String) -> Int64? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.literal("-"), let month = scanner.number(2),
            scanner.literal("-"), let day = scanner.number(2)
        else { return nil }
        guard let days = daysFromCivil(year: year, month: month, day: day) else { return nil }
        let date = days * millisecondsPerDay
        if scanner.atEnd { return date }

        // Time of day, then optional milliseconds and a mandatory zone designator.
        guard scanner.literal("T"), let hour = scanner.number(2), scanner.literal(":"),
            let minute = scanner.number(2), scanner.literal(":"), let second = scanner.number(2)
        else { return nil }
        var millis: Int64 = 0
        if scanner.literal(".") {
            guard let value = scanner.number(3) else { return nil }
            millis = value
        }
        var offsetSeconds: Int64 = 0
        if !scanner.literal("Z") {
            let positive = scanner.literal("+")
            guard positive || scanner.literal("-"), let hh = scanner.number(2), let mm = scanner.number(2),
                hh < 24, mm < 60
            else { return nil }
            offsetSeconds = (hh * 3600 + mm * 60) * (positive ? 1 : -1)
        }
        guard scanner.atEnd, hour < 24, minute < 60, second < 60 else { return nil }
        let seconds = hour * 3600 + minute * 60 + second - offsetSeconds
        return date + seconds * 1000 + millis
    }

    /// Parses `[-]` followed by quantity-unit pairs in the order `d`, `h`, `m`, `s`, `ms`; returns milliseconds.
    package static func parseDuration(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        guard !bytes.isEmpty else { return nil }
        let units: [(String, Int64)] = [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)]
        var nextUnit = 0
        var total: Int64 = 0
        while !bytes.isEmpty {
            let digits = bytes.prefix { $0 >= 48 && $0 <= 57 }
            guard !digits.isEmpty else { return nil }
            bytes = bytes.dropFirst(digits.count)
            let isMillis = bytes.starts(with: Array("ms".utf8))
            let unitText = isMillis ? "ms" : String(decoding: bytes.prefix(1), as: UTF8.self)
            guard let index = units.firstIndex(where: { $0.0 == unitText }), index >= nextUnit else { return nil }
            bytes = bytes.dropFirst(unitText.utf8.count)
            nextUnit = index + 1
            guard let sum = accumulate(total, digits: digits, unit: units[index].1, negative: negative) else {
                return nil
            }
            total = sum
        }
        return total
    }

    /// Adds (or subtracts) `digits` × `unit` to `total`, nil on overflow; only a millisecond quantity may be
    /// 2⁶³, as in the reference engine.
    private static func accumulate(_ total: Int64, digits: ArraySlice<UInt8>, unit: Int64, negative: Bool) -> Int64? {
        guard let magnitude = UInt64(String(decoding: digits, as: UTF8.self)) else { return nil }
        if unit == 1, negative, magnitude == UInt64(Int64.max) + 1 {
            return total == 0 ? Int64.min : nil
        }
        guard let quantity = Int64(exactly: magnitude) else { return nil }
        let (scaled, o1) = quantity.multipliedReportingOverflow(by: unit)
        let (sum, o2) = negative ? total.subtractingReportingOverflow(scaled) : total.addingReportingOverflow(scaled)
        return o1 || o2 ? nil : sum
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date; nil when the date does not exist.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64? {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths: [Int64] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), day >= 1, day <= lengths[Int(month - 1)] else { return nil }
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Reads fixed-width ASCII numbers and literal characters from a byte string.
struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    /// Consumes exactly `width` ASCII digits.
    mutating func number(_ width: Int) -> Int64? {
        guard index + width <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[index..<index + width] {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        index += width
        return value
    }

    /// Consumes `character` when it comes next.
    mutating func literal(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }
}
