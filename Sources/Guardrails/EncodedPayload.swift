import Foundation

/// Finds base64 runs in an input that decode to readable text, so that an instruction hidden in base64 is screened
/// like plain text.
///
/// Bounded: runs shorter than ``minimumLength`` are ignored (they are words and identifiers), runs longer than
/// ``maximumLength`` are cut, at most ``maximumPayloads`` payloads are decoded per input, and decoded text is searched
/// again at most ``maximumDepth`` levels deep.
enum EncodedPayload {
    /// Shortest run considered, in characters (18 decoded bytes): shorter runs are rarely a sentence.
    static let minimumLength = 24
    /// Longest run decoded, in characters; longer runs are cut to this length. 16 KiB.
    static let maximumLength = 16_384
    /// Most payloads decoded for one input, all levels together.
    static let maximumPayloads = 8
    /// Base64 inside base64 is unwrapped this many times.
    static let maximumDepth = 2

    /// Runs of the standard or URL-safe alphabet, optionally wrapped over several lines (MIME style).
    static let runPattern = try? Pattern(
        #"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={0,2}(?:\r?\n[A-Za-z0-9+/_-]{16,}={0,2})*(?![A-Za-z0-9+/_-])"#
    )

    /// The readable texts hidden in `text` as base64, outermost first.
    static func decodedTexts(in text: String) -> [String] {
        var found: [String] = []
        var frontier = [text]
        for _ in 0..<maximumDepth where !frontier.isEmpty {
            var next: [String] = []
            for source in frontier {
                for decoded in decode(runsIn: source) where found.count < maximumPayloads {
                    found.append(decoded)
                    next.append(decoded)
                }
            }
            frontier = next
        }
        return found
    }

    /// Every run in `text` that decodes to readable text.
    private static func decode(runsIn text: String) -> [String] {
        guard let runPattern, text.utf8.count >= minimumLength else { return [] }
        var decoded: [String] = []
        for range in runPattern.ranges(in: text) {
            let run = text[range].filter { !$0.isNewline }
            guard run.count >= minimumLength else { continue }
            if let readable = readableText(fromBase64: String(run.prefix(maximumLength))) {
                decoded.append(readable)
            }
            if decoded.count >= maximumPayloads { break }
        }
        return decoded
    }

    /// `run` decoded as UTF-8 text, or nil when it is not base64 of readable text.
    static func readableText(fromBase64 run: String) -> String? {
        var standard = String(run.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 }.filter { $0 != "=" })
        // A cut or unpadded run: drop a stray final character, then pad to a multiple of four.
        if standard.count % 4 == 1 { standard.removeLast() }
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        guard let data = Data(base64Encoded: standard), let text = String(data: data, encoding: .utf8) else {
            return nil
        }
        return isReadable(text) ? text : nil
    }

    /// True when `text` looks like language: mostly letters, digits, spaces and punctuation, with some letters.
    static func isReadable(_ text: String) -> Bool {
        var letters = 0
        var readable = 0
        var total = 0
        for scalar in text.unicodeScalars {
            total += 1
            let properties = scalar.properties
            if properties.isAlphabetic { letters += 1 }
            let control = properties.generalCategory == .control && !"\n\r\t".unicodeScalars.contains(scalar)
            if !control && properties.generalCategory != .unassigned && properties.generalCategory != .privateUse {
                readable += 1
            }
        }
        return total > 0 && letters * 2 >= total && readable * 20 >= total * 19
    }
}
