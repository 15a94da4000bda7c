/// A sentence of a supplied passage, with where it came from and its terms.
struct CitedSentence: Sendable, Hashable {
    /// The citation id of its passage.
    let documentID: String
    /// The sentence text (whitespace collapsed).
    let text: String
    /// Whether it is a heading.
    let isHeading: Bool
    /// Its stemmed content words.
    let terms: [String]

    /// Every sentence of every passage, in passage order; duplicate sentences of one document are kept once
    /// (retrieved chunks overlap).
    static func collect(from passages: [ContextPassage]) -> [CitedSentence] {
        var seen = Set<String>()
        var sentences: [CitedSentence] = []
        for passage in passages {
            for sentence in SentenceSplitter.sentences(in: passage.text)
            where seen.insert(passage.id + "\u{0}" + sentence.text).inserted {
                sentences.append(
                    CitedSentence(
                        documentID: passage.id,
                        text: sentence.text,
                        isHeading: sentence.isHeading,
                        terms: TextTerms.terms(sentence.text)
                    )
                )
            }
        }
        return sentences
    }
}
