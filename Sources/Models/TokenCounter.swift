/// Counts tokens with a fixed rule that approximates a BPE tokenizer on English text. Not any model's tokenizer.
///
/// The rule:
/// - each maximal run of letters and digits (Unicode) of length *n* counts `ceil(n / 4)` tokens;
/// - every other character that is not whitespace (punctuation, symbols, emoji) counts 1 token;
/// - whitespace counts nothing.
///
/// Lengths are in Unicode scalars. For a conversation, each message adds ``perMessageOverhead`` tokens for its
/// role and framing, as chat formats do.
public enum TokenCounter {
    /// Tokens added per message for role and framing: 4.
    public static let perMessageOverhead = 4

    /// Tokens in `text` under the rule above.
    public static func count(_ text: String) -> Int {
        var tokens = 0
        var run = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                run += 1
                continue
            }
            tokens += (run + 3) / 4
            run = 0
            if !scalar.properties.isWhitespace { tokens += 1 }
        }
        return tokens + (run + 3) / 4
    }

    /// Tokens in a conversation: each message's content plus ``perMessageOverhead``.
    public static func count(_ messages: [ChatMessage]) -> Int {
        messages.reduce(0) { $0 + count($1.content) + perMessageOverhead }
    }
}
