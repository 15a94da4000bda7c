/// Word normalisation for the extractive responder: lower-cased letter/digit runs, stop words removed, a light
/// suffix-stripping stemmer so `terminates`, `terminated` and `terminating` meet at `terminat`.
enum TextTerms {
    /// All lower-cased words of `text`.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Stemmed content words of `text`, in order, with repeats.
    static func terms(_ text: String) -> [String] {
        words(text).filter { !stopWords.contains($0) }.map(stem)
    }

    /// A light English stemmer: strips one common inflectional suffix from words longer than four letters.
    static func stem(_ word: String) -> String {
        guard word.count > 4 else { return word }
        for (suffix, replacement) in suffixes where word.hasSuffix(suffix) && word.count - suffix.count >= 3 {
            return String(word.dropLast(suffix.count)) + replacement
        }
        return word
    }

    private static let suffixes: [(String, String)] = [
        ("ations", "at"), ("ation", "at"), ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"), ("sses", "ss"),
        ("ed", ""), ("ly", ""), ("es", ""), ("s", ""), ("e", ""),
    ]

    /// Function words and question words that carry no topic.
    static let stopWords: Set<String> = [
        "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before",
        "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "each", "for", "from",
        "had", "has", "have", "having", "he", "her", "here", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "me", "more", "most", "my", "no", "nor", "not", "of", "on", "or", "other", "our", "out", "over", "own",
        "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
        "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we",
        "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
        "your", "shall", "may", "must", "upon", "hereby", "herein", "hereof", "hereto", "hereunder", "thereof",
        "tell", "please", "explain", "describe", "give", "list", "say", "says", "according", "document", "text",
        "passage", "context", "question", "answer",
    ]
}
