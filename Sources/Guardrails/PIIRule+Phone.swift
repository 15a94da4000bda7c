extension PIIRule {
    /// Telephone numbers in three shapes, most specific first:
    /// - NANP: `(555) 123-4567`, `555.123.4567`, `+1 555 123 4567`, `5551234567`, with an optional `x123` extension;
    /// - international with a `+` country code and an optional `(0)` trunk: `+44 20 7946 0958`, `+41 (0)62 585 51 90`;
    /// - grouped local numbers of 7–12 digits (`0490 75 40 81`, `60-56-85-91`, `699 956 915`), accepted only when
    ///   the grouping looks like a phone and not a date, an IP address or an SSN-shaped value. Two space-separated
    ///   groups (`450 0840`) count only next to a word such as "phone", "call" or "fax".
    static func phoneRules() throws -> [PIIRule] {
        [
            try PIIRule(
                .phone,
                #"(?<![\w+])(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}(?: ?(?:x|ext\.?) ?\d{1,6})?(?!\w)"#
            ),
            try PIIRule(.phone, #"(?<![\w+])\+\d{1,3}(?:[ .-]?\(0\))?(?:[ .-]?\(?\d{1,5}\)?){1,6}(?!\d)"#) {
                text,
                range in
                (8...15).contains(text[range].count(where: \.isASCIIDigitCharacter))
            },
            try PIIRule(.phone, #"(?<![\w+.,/-])\(?\d{2,5}\)?(?:[ .-]\d{2,4}){1,4}(?![\w]|[.,-]\d)"#) { text, range in
                PhoneShape(text[range]).looksLikeLocalPhone(context: text[..<range.lowerBound].suffix(40))
            },
        ]
    }
}

/// The digit groups and separators of a candidate local phone number.
struct PhoneShape {
    let groups: [Substring]
    let separators: Set<Character>

    init(_ candidate: Substring) {
        let cleaned = candidate.filter { $0 != "(" && $0 != ")" }
        groups = cleaned.split(whereSeparator: { $0 == " " || $0 == "." || $0 == "-" })
        separators = Set(cleaned.filter { $0 == " " || $0 == "." || $0 == "-" })
    }

    /// Words that, just before a number, say it is a phone number.
    static let contextWords = ["phone", "tel", "call", "mobile", "cell", "fax", "contact", "number", "reach", "dial"]

    func looksLikeLocalPhone(context: Substring) -> Bool {
        let digits = groups.reduce(0) { $0 + $1.count }
        guard (7...12).contains(digits), separators.count == 1, !looksLikeDate, !looksLikeIPAddress,
            !looksLikeSSN
        else { return false }
        let hinted = Self.contextWords.contains { context.lowercased().contains($0) }
        if separators.contains(" ") {
            return groups.count >= 3 || groups.first?.first == "0" || hinted
        }
        return groups.count >= 3 || hinted
    }

    private var looksLikeDate: Bool {
        guard groups.count == 3 else { return false }
        let lengths = groups.map(\.count)
        return (lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2)
            || (lengths[0] <= 2 && lengths[1] <= 2 && (lengths[2] == 2 || lengths[2] == 4))
    }

    private var looksLikeIPAddress: Bool {
        separators == ["."] && groups.count == 4 && groups.allSatisfy { $0.count <= 3 && (Int($0) ?? 256) < 256 }
    }

    private var looksLikeSSN: Bool {
        separators == ["-"] && groups.map(\.count) == [3, 2, 4]
    }
}
