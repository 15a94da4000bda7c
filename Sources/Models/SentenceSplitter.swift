import Foundation

/// One unit of a passage: a sentence, or a heading that stands on its own line.
struct PassageSentence: Sendable, Hashable {
    /// The text, with runs of whitespace (including the hard line breaks of PDF-to-text output) made single spaces.
    let text: String
    /// A line in capitals or a short numbered title such as `12. TERMINATION`; never used as an answer.
    let isHeading: Bool
}

/// Splits contract text into sentences, repairing common PDF-to-text artefacts.
///
/// - Hard line breaks inside a paragraph are joined with a space; a blank line ends a paragraph unless the text
///   before it has no closing punctuation and the text after it starts in lower case (a page break mid-sentence).
/// - Lines that are only a page number (`3`, `- 3 -`, `Page 3 of 9`) or an EDGAR filing footer
///   (`Source: COMPANY, 10-K, 6/24/2015`) are dropped.
/// - Lines of at most ten words mostly in capitals, and short lines that start with a clause number, are headings.
/// - Sentences end at `.`, `!` or `?` before a word that starts with a capital, digit, quote or bracket, except
///   after common abbreviations (`Inc.`, `U.S.`, `No.`, single initials) and bare clause numbers (`1.`, `(a)`).
/// - A sentence longer than 450 characters is further split after `;` once each piece has 120 characters.
enum SentenceSplitter {
    /// The sentences and headings of `text`, in order.
    static func sentences(in text: String) -> [PassageSentence] {
        var result: [PassageSentence] = []
        for block in blocks(of: text) {
            if block.isHeading {
                result.append(block)
            } else {
                // A heading run into its paragraph ("10.4 Governing Law. The laws of …") splits off as a heading too.
                result += splitSentences(block.text).map { PassageSentence(text: $0, isHeading: isHeading($0)) }
            }
        }
        return result
    }

    /// Paragraphs (joined lines) and headings.
    private static func blocks(of text: String) -> [PassageSentence] {
        let lines = text.components(separatedBy: .newlines).map(collapse)
        var blocks: [PassageSentence] = []
        var paragraph = ""
        var sawBlank = false

        func flush() {
            if !paragraph.isEmpty { blocks.append(PassageSentence(text: paragraph, isHeading: false)) }
            paragraph = ""
        }

        for line in lines where !isArtefact(line) {
            if line.isEmpty {
                sawBlank = true
                continue
            }
            if isHeading(line) {
                flush()
                blocks.append(PassageSentence(text: line, isHeading: true))
            } else if paragraph.isEmpty || !sawBlank || continuesSentence(paragraph, line) {
                paragraph += paragraph.isEmpty ? line : " " + line
            } else {
                flush()
                paragraph = line
            }
            sawBlank = false
        }
        flush()
        return blocks
    }

    /// `text` trimmed, with every whitespace run made one space.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether a paragraph interrupted by blank lines carries on in `next` (a page break mid-sentence).
    private static func continuesSentence(_ paragraph: String, _ next: String) -> Bool {
        guard let last = paragraph.last, let first = next.first else { return false }
        return !".!?:;\"”)".contains(last) && first.isLowercase
    }

    /// Page numbers and filing footers.
    private static func isArtefact(_ line: String) -> Bool {
        if line.range(of: #"^[-–—\s]*\d{1,4}[-–—\s]*$"#, options: .regularExpression) != nil { return true }
        if line.range(of: #"^Page \d+( of \d+)?$"#, options: [.regularExpression, .caseInsensitive]) != nil {
            return true
        }
        return line.range(of: #"^Source: .+, \d{1,2}/\d{1,2}/\d{4}$"#, options: .regularExpression) != nil
    }

    /// A line mostly in capitals, or a short line that starts with a clause number and does not end a sentence.
    private static func isHeading(_ line: String) -> Bool {
        let letters = line.unicodeScalars.filter { $0.properties.isAlphabetic }
        let upper = letters.filter { $0.properties.isUppercase }.count
        let words = line.split(separator: " ")
        if letters.count >= 4, words.count <= 10, Double(upper) >= 0.8 * Double(letters.count) { return true }

        let numbered = line.range(of: #"^(\d+(\.\d+)*\.?|[A-Z]\.|\([a-z0-9]+\))\s"#, options: .regularExpression)
        return numbered != nil && words.count <= 6 && line.count <= 60 && !line.hasSuffix(",") && !line.hasSuffix(";")
    }
}
