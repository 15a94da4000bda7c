/// A run of digit groups and separators that may hold one or more payment card numbers.
///
/// The run is split into groups; every window of consecutive groups with 13–19 digits is a candidate, and the
/// longest valid window at each start wins. A window is valid when its digits pass ``NumberRules/plausibleCard(_:)``
/// and its grouping looks like a card: one kind of separator throughout (spaces count as one kind however many
/// there are), or a known card layout such as 4-4-4-4 or 4-6-5. Dots, slashes and underscores also need at least
/// three groups, so decimals and dates are not read as cards.
struct CardNumberRun {
    /// Digit runs joined by one to three spaces, or by a dash, dot, slash or underscore with up to two spaces each
    /// side. Runs over the folded text, so every digit and separator here is ASCII.
    static let pattern = #"(?<![\d-])\d+(?:(?: {1,3}| {0,2}[-./_] {0,2})\d+)*"#

    /// Group lengths of the usual card layouts, accepted even with mixed separators.
    static let layouts: Set<[Int]> = [
        [4, 4, 4, 4], [4, 6, 5], [4, 6, 4], [4, 4, 4, 4, 3], [4, 4, 4, 3], [4, 4, 5],
    ]

    private let groups: [Substring]
    /// `separators[i]` sits between `groups[i]` and `groups[i + 1]`: its punctuation mark, or "" for spaces only.
    private let separators: [String]

    /// Splits a candidate matched by ``pattern``.
    init(_ run: Substring) {
        var groups: [Substring] = []
        var separators: [String] = []
        var index = run.startIndex
        while index < run.endIndex {
            let digitsEnd = run[index...].firstIndex { !$0.isASCIIDigitCharacter } ?? run.endIndex
            groups.append(run[index..<digitsEnd])
            guard digitsEnd < run.endIndex else { break }
            let nextDigit = run[digitsEnd...].firstIndex(where: \.isASCIIDigitCharacter) ?? run.endIndex
            separators.append(String(run[digitsEnd..<nextDigit].filter { $0 != " " }))
            index = nextDigit
        }
        self.groups = groups
        self.separators = separators
    }

    /// The ranges of every card number in the run, in order.
    func cards() -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var start = 0
        while start < groups.count {
            var digits = 0
            var best: Int?
            for end in start..<groups.count {
                digits += groups[end].count
                if digits > 19 { break }
                if digits >= 13 && isCard(start...end) { best = end }
            }
            if let end = best {
                found.append(groups[start].startIndex..<groups[end].endIndex)
                start = end + 1
            } else {
                start += 1
            }
        }
        return found
    }

    private func isCard(_ window: ClosedRange<Int>) -> Bool {
        let digits = groups[window].joined()
        guard NumberRules.plausibleCard(digits) else { return false }
        guard window.count > 1 else { return true }

        // The whole run grouped by spaces and dashes in any mix: the shape accepted before other separators were.
        let kinds = Set(separators[window.lowerBound..<window.upperBound])
        if window == 0...(groups.count - 1), kinds.isSubset(of: ["", "-"]) { return true }

        let lengths = groups[window].map(\.count)
        if Self.layouts.contains(lengths) { return true }
        guard kinds.count == 1, lengths.dropLast().allSatisfy({ $0 >= 3 }) else { return false }
        return kinds.isSubset(of: ["", "-"]) || window.count >= 3
    }
}
