/// A text with look-alike characters folded to ASCII one character for one character, so that a pattern written for
/// ASCII finds `４１１１ １１１１…`, `١٢٣-٤٥-٦٧٨٩` or `maria＠example.test`, and each match maps back to the exact
/// span of the original text.
///
/// Folded: every Unicode decimal digit (full-width, Arabic-Indic, Devanagari, …) to `0`–`9`; every space separator
/// (no-break, thin, ideographic, …) to a space; every dash (en, em, minus, …) to `-`; full-width ASCII forms to
/// ASCII; curly double quotes to `"`. Characters made of more than one scalar are left alone.
struct PIIText {
    /// The text as given.
    let original: String
    /// The folded view; equal to `original` when nothing needed folding.
    let folded: String

    // INVARIANT: when non-empty, both arrays hold one index per character plus the end index, and the i-th
    // character of `folded` is the folding of the i-th character of `original`.
    private let originalIndices: [String.Index]
    private let foldedIndices: [String.Index]

    /// Folds `text`.
    init(_ text: String) {
        original = text
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var changed = false
        for character in text {
            if let replacement = Self.fold(character) {
                output.append(replacement)
                changed = true
            } else {
                output.append(character)
            }
        }

        // A replacement that merged with a neighbour would break the one-for-one mapping: fall back to the original.
        guard changed, output.count == text.count else {
            folded = text
            originalIndices = []
            foldedIndices = []
            return
        }
        folded = output
        originalIndices = Array(text.indices) + [text.endIndex]
        foldedIndices = Array(output.indices) + [output.endIndex]
    }

    /// The span of `original` that `range` (indices of `folded`) came from, widened to whole characters.
    func originalRange(_ range: Range<String.Index>) -> Range<String.Index> {
        guard !foldedIndices.isEmpty else { return range }
        let lower = Self.offset(of: range.lowerBound, in: foldedIndices, roundingUp: false)
        let upper = Self.offset(of: range.upperBound, in: foldedIndices, roundingUp: true)
        return originalIndices[lower]..<originalIndices[max(lower, upper)]
    }

    /// The ASCII stand-in for a one-scalar `character`, or nil when it is kept as it is.
    static func fold(_ character: Character) -> Character? {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first, !scalar.isASCII else { return nil }
        return foldScalar(scalar).map(Character.init)
    }

    /// `character` folded, or itself.
    static func folding(_ character: Character) -> Character { fold(character) ?? character }

    private static func foldScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let properties = scalar.properties
        if properties.numericType == .decimal, let value = properties.numericValue, (0...9).contains(value) {
            return Unicode.Scalar(UInt8(48 + Int(value)))
        }
        switch scalar.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0)
        case 0xFE6B: return "@"
        case 0x2212, 0x2043: return "-"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033: return "\""
        default: break
        }
        switch properties.generalCategory {
        case .spaceSeparator: return " "
        case .dashPunctuation: return "-"
        default: return nil
        }
    }

    /// Position of `index` in the sorted `indices`, rounded to a neighbouring character boundary when it falls
    /// inside a character.
    private static func offset(of index: String.Index, in indices: [String.Index], roundingUp: Bool) -> Int {
        var low = 0
        var high = indices.count - 1
        while low < high {
            let middle = (low + high) / 2
            if indices[middle] < index { low = middle + 1 } else { high = middle }
        }
        // `low` is the first boundary at or after `index`.
        if indices[low] == index || roundingUp { return low }
        return max(low - 1, 0)
    }
}
