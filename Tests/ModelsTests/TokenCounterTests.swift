import Foundation
import TestSupport
import Testing

@testable import Models

@Suite("TokenCounter")
struct TokenCounterTests {
    @Test(
        "counts ceil(n/4) per letter-digit run and 1 per other non-space character",
        arguments: [
            ("", 0), ("   \n\t", 0), ("a", 1), ("abcd", 1), ("abcde", 2), ("Hello, world!", 6),
            ("2024-01-01", 5), ("royalty [***] payable", 9), ("Blücherstr. 24", 5), ("€10", 2),
        ]
    )
    func rule(text: String, expected: Int) {
        #expect(TokenCounter.count(text) == expected)
    }

    @Test("a conversation adds the per-message overhead")
    func messages() {
        let messages = [ChatMessage(role: .system, content: "Be brief."), ChatMessage(role: .user, content: "Hi")]
        #expect(TokenCounter.count(messages) == (1 + 2 + 1) + 1 + 2 * TokenCounter.perMessageOverhead)
    }

    @Test(
        "counts follow the rule on every real contract",
        .enabled(if: SharedCorpus.isPresent, "contracts corpus absent")
    )
    func realContracts() throws {
        let runs = try NSRegularExpression(pattern: #"[\p{Alphabetic}\p{N}]+|[^\s\p{Alphabetic}\p{N}]"#)
        for (_, text) in SharedCorpus.contracts() {
            let range = NSRange(text.startIndex..., in: text)
            let expected = runs.matches(in: text, range: range).reduce(0) { total, match in
                let length = (text as NSString).substring(with: match.range).unicodeScalars.count
                let isWord =
                    (text as NSString).substring(with: match.range).unicodeScalars.first.map {
                        $0.properties.isAlphabetic || $0.properties.numericType != nil
                    } ?? false
                return total + (isWord ? (length + 3) / 4 : length)
            }
            #expect(TokenCounter.count(text) == expected)
        }
    }
}
