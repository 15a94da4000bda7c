/// Checksum and issuance rules that separate real identifiers from look-alike digit strings.
public enum NumberRules {
    /// True when `digits` (ASCII digits only) passes the Luhn mod-10 check used by payment cards.
    public static func luhnValid(_ digits: String) -> Bool {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == digits.count, !values.isEmpty else { return false }
        var sum = 0
        for (offset, value) in values.reversed().enumerated() {
            if offset.isMultiple(of: 2) {
                sum += value
            } else {
                let doubled = value * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            }
        }
        return sum.isMultiple(of: 10)
    }

    /// True when `digits` (exactly 13–19 ASCII digits) could be a payment card: Luhn-valid and not all one digit.
    public static func plausibleCard(_ digits: String) -> Bool {
        (13...19).contains(digits.count) && Set(digits).count > 1 && luhnValid(digits)
    }

    /// True when the nine digits `area`-`group`-`serial` lie inside what the SSA can issue.
    ///
    /// Never issued: area `000`, `666` or `900`–`999`; group `00`; serial `0000`.
    public static func validSSN(area: String, group: String, serial: String) -> Bool {
        guard area.count == 3, group.count == 2, serial.count == 4,
            let areaNumber = Int(area), let groupNumber = Int(group), let serialNumber = Int(serial)
        else { return false }
        return areaNumber != 0 && areaNumber != 666 && areaNumber < 900 && groupNumber != 0 && serialNumber != 0
    }
}
