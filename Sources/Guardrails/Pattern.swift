import Foundation

// INVARIANT: `regex` is never mutated after `init`, so sharing it between tasks cannot race.

/// A compiled regular expression that is safe to share across tasks.
///
/// `NSRegularExpression` is immutable after creation and documented as thread-safe for matching.
public struct Pattern: @unchecked Sendable {
    /// The underlying ICU expression.
    public let regex: NSRegularExpression

    /// Compiles `source`; `^`/`$` match at line boundaries.
    ///
    /// - Throws: ``GuardrailError/unavailable`` when the expression does not compile.
    public init(_ source: String, caseInsensitive: Bool = false) throws {
        var options: NSRegularExpression.Options = [.anchorsMatchLines]
        if caseInsensitive { options.insert(.caseInsensitive) }
        do {
            regex = try NSRegularExpression(pattern: source, options: options)
        } catch {
            throw GuardrailError.unavailable
        }
    }

    /// True when the expression matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }

    /// Every match in `text`, as ranges of `text`'s indices, with the given capture group (0 = whole match).
    public func ranges(in text: String, group: Int = 0) -> [Range<String.Index>] {
        let whole = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.matches(in: text, options: [], range: whole).compactMap { match in
            Range(match.range(at: group), in: text)
        }
    }

    /// Every distinct matched substring in `text`.
    public func distinctMatches(in text: String) -> Set<String> {
        Set(ranges(in: text).map { String(text[$0]) })
    }
}
