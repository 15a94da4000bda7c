import Foundation

/// Views of one input prepared for matching, so that obfuscation does not hide a signal.
public struct NormalizedText: Sendable, Equatable {
    /// NFKC, zero-width characters removed, lower-cased, look-alike letters mapped to Latin, accents removed from
    /// letters (`é` → `e`, `ç` → `c`, so one pattern covers accented and plain spellings), curly quotes made
    /// straight and runs of spaces or tabs collapsed to one space (line breaks are kept: some signals are per line).
    public let folded: String
    /// `folded` with leet digits between letters mapped back (`1gn0r3` → `ignore`) and letter-by-letter spacing
    /// joined (`i g n o r e` → `ignore`).
    public let deobfuscated: String
    /// Only the letters of `deobfuscated`, for phrases split by arbitrary punctuation or spacing.
    public let compact: String
    /// True when the raw input held zero-width or invisible formatting characters.
    public let hadInvisibleCharacters: Bool
    /// True when a single word mixed Latin with Cyrillic or Greek letters (a homoglyph disguise).
    public let hadMixedScriptWord: Bool
}

/// Normalises text before injection matching: NFKC, case fold, strip zero-width characters, map confusables,
/// strip accents, collapse whitespace, undo leet and letter spacing.
public enum TextNormalizer {
    /// Produces every matching view of `text`.
    public static func normalize(_ text: String) -> NormalizedText {
        let compatible = text.precomposedStringWithCompatibilityMapping
        let invisible = compatible.unicodeScalars.contains { invisibleScalars.contains($0.value) }
        let mixed = containsMixedScriptWord(compatible)

        // Strip invisibles first so that `i\u{200B}gnore` becomes one word before folding.
        var scalars = String.UnicodeScalarView()
        for scalar in compatible.unicodeScalars where !invisibleScalars.contains(scalar.value) {
            scalars.append(scalar)
        }
        let lowered = String(scalars).lowercased()
        let folded = collapseSpaces(stripDiacritics(mapConfusables(lowered)))
        let deobfuscated = joinSpacedLetters(undoLeet(folded))
        let compact = String(deobfuscated.unicodeScalars.filter { $0.properties.isAlphabetic }.map(Character.init))
        return NormalizedText(
            folded: folded,
            deobfuscated: deobfuscated,
            compact: compact,
            hadInvisibleCharacters: invisible,
            hadMixedScriptWord: mixed
        )
    }

    /// Zero-width, bidi-control and soft-hyphen scalars that render as nothing.
    static let invisibleScalars: Set<UInt32> = [
        0x00AD, 0x034F, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
        0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF,
    ]

    /// Cyrillic and Greek letters that look like Latin ones, plus typographic quotes.
    static let confusables: [Character: Character] = [
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j", "ѕ": "s",
        "ԁ": "d", "ɡ": "g", "һ": "h", "к": "k", "м": "m", "т": "t", "н": "h", "в": "b", "ԛ": "q", "ԝ": "w",
        "ɑ": "a", "ı": "i", "ν": "v", "ο": "o", "α": "a", "ε": "e", "ι": "i", "κ": "k", "τ": "t", "ρ": "p",
        "υ": "u", "‘": "'", "’": "'", "‛": "'", "“": "\"", "”": "\"", "„": "\"",
    ]

    /// Leet digits and symbols and the letters they stand for.
    static let leet: [Character: Character] = [
        "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
    ]

    static func mapConfusables(_ text: String) -> String {
        String(text.map { confusables[$0] ?? $0 })
    }

    /// Removes combining diacritical marks (U+0300–U+036F) and recomposes, so `instrucciónes` reads as
    /// `instrucciones` while kana voicing marks and Hangul survive.
    static func stripDiacritics(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        let marks: ClosedRange<UInt32> = 0x0300...0x036F
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars where !marks.contains(scalar.value) {
            scalars.append(scalar)
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    static func collapseSpaces(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var previousWasSpace = false
        for character in text {
            let isSpace = character == " " || character == "\t" || character == "\u{00A0}"
            if isSpace && previousWasSpace { continue }
            result.append(isSpace ? " " : character)
            previousWasSpace = isSpace
        }
        return result
    }

    /// Maps a leet character only when a letter touches it, so plain numbers (`4%`, `2021`) stay numbers.
    static func undoLeet(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        result.reserveCapacity(characters.count)
        for (index, character) in characters.enumerated() {
            guard let letter = leet[character] else {
                result.append(character)
                continue
            }
            let before = index > 0 && characters[index - 1].isLetter
            let after = index + 1 < characters.count && characters[index + 1].isLetter
            result.append(before || after ? letter : character)
        }
        return result
    }

    /// Joins runs of four or more single letters separated by one space, dot, dash, underscore or asterisk.
    static func joinSpacedLetters(_ text: String) -> String {
        let characters = Array(text)
        let count = characters.count
        var result = ""
        var index = 0
        while index < count {
            let standsAlone =
                characters[index].isLetter && (index == 0 || !characters[index - 1].isLetter)
                && (index + 1 >= count || !characters[index + 1].isLetter)
            var end = index
            // Extend while the pattern is separator, lone letter.
            while standsAlone, end + 2 < count, isSpacer(characters[end + 1]), characters[end + 2].isLetter,
                end + 3 >= count || !characters[end + 3].isLetter
            {
                end += 2
            }
            if end - index >= 6 {
                for position in stride(from: index, through: end, by: 2) { result.append(characters[position]) }
                index = end + 1
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }

    private static func isSpacer(_ character: Character) -> Bool {
        character == " " || character == "." || character == "-" || character == "_" || character == "*"
    }

    private static func containsMixedScriptWord(_ text: String) -> Bool {
        for word in text.split(whereSeparator: { !$0.isLetter }) where word.count > 2 {
            var latin = false
            var other = false
            for scalar in word.unicodeScalars {
                switch scalar.value {
                case 0x41...0x5A, 0x61...0x7A: latin = true
                case 0x0370...0x03FF, 0x0400...0x04FF: other = true
                default: break
                }
            }
            if latin && other { return true }
        }
        return false
    }
}
