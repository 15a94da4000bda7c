extension SentenceSplitter {
    /// Words after which a period does not end a sentence (lower case, without the final period).
    static let abbreviations: Set<String> = [
        "inc", "ltd", "co", "corp", "no", "nos", "sec", "secs", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "u.s",
        "u.s.a", "e.g", "i.e", "etc", "vs", "v", "art", "para", "fig", "approx", "dept", "n.a", "s.a", "b.v",
        "n.v", "l.p", "l.l.c", "p.c", "pty", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "ave", "blvd", "rd", "ste", "cf", "al", "seq", "incl", "ref", "par", "nr",
    ]

    /// Splits one paragraph into sentences.
    static func splitSentences(_ paragraph: String) -> [String] {
        let words = paragraph.split(separator: " ").map(String.init)
        var sentences: [String] = []
        var current: [String] = []

        for (index, word) in words.enumerated() {
            current.append(word)
            let next = index + 1 < words.count ? words[index + 1] : nil
            if endsSentence(word, before: next, sentenceSoFar: current) {
                sentences += splitLong(current.joined(separator: " "))
                current = []
            }
        }
        if !current.isEmpty { sentences += splitLong(current.joined(separator: " ")) }
        return sentences
    }

    private static func endsSentence(_ word: String, before next: String?, sentenceSoFar: [String]) -> Bool {
        guard let next else { return false }
        let core = word.trimmingTrailing { "\"'”’)]".contains($0) }
        guard let mark = core.last, ".!?".contains(mark) else { return false }
        guard let first = next.first, first.isUppercase || first.isNumber || "\"“'(‘[".contains(first) else {
            return false
        }
        if mark != "." { return true }
        // A bare number after a period continues an address or reference (`Blücherstr. 24`, `Art. 5`).
        if next.allSatisfy(\.isNumber) || next.dropLast().allSatisfy(\.isNumber) && ",;)".contains(next.last ?? " ") {
            return false
        }

        let stem = core.dropLast().lowercased().trimmingLeading { "(\"“'".contains($0) }
        if abbreviations.contains(String(stem)) { return false }
        if stem.count == 1, stem.first?.isLetter == true { return false }  // an initial such as `J.`
        // A bare clause number (`1.`, `2.3.`, `(a)`, `IV.`) opens a clause; it does not end one.
        return !sentenceSoFar.allSatisfy(isEnumerator)
    }

    private static func isEnumerator(_ word: String) -> Bool {
        word.range(
            of: #"^(\(?[0-9]+(\.[0-9]+)*\.?\)?|\(?[a-zA-Z]\)|[IVXLC]+\.|Section|SECTION|Article|ARTICLE)$"#,
            options: .regularExpression
        ) != nil
    }

    /// `sentence`, or its `;`-separated pieces when it is longer than 450 characters.
    private static func splitLong(_ sentence: String) -> [String] {
        guard sentence.count > 450 else { return [sentence] }
        var pieces: [String] = []
        var current = ""
        for word in sentence.split(separator: " ") {
            current += current.isEmpty ? String(word) : " " + word
            if word.hasSuffix(";"), current.count >= 120 {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty {
            // A short tail joins the piece before it rather than standing alone.
            if current.count < 60, let last = pieces.popLast() { current = last + " " + current }
            pieces.append(current)
        }
        return pieces
    }
}

extension StringProtocol {
    /// The string without trailing characters matching `predicate`.
    func trimmingTrailing(_ predicate: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }

    /// The string without leading characters matching `predicate`.
    func trimmingLeading(_ predicate: (Character) -> Bool) -> SubSequence {
        var start = startIndex
        while start < endIndex, predicate(self[start]) { start = index(after: start) }
        return self[start..<endIndex]
    }
}
