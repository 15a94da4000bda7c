/// Finds e-mail addresses, phone numbers, US SSNs, payment cards and secrets, and replaces them with placeholders.
///
/// Each kind has a candidate pattern and a validator (Luhn for cards, SSA issuance ranges for SSNs, grouping rules
/// for phones), run over a folded view of the text in which every digit script, Unicode space and dash and
/// full-width form reads as ASCII; the redaction still replaces the original characters. Overlapping candidates
/// are settled by kind priority (secret, e-mail, card, SSN, phone), then by the earliest and longest. Findings carry
/// the kind and a UTF-8 byte range, never the value.
public struct PIIRedactor: Sendable {
    /// The kinds this redactor looks for.
    public let kinds: Set<PIIKind>

    private let rules: Result<[PIIRule], GuardrailError>

    /// Creates a redactor for `kinds` (default: all).
    ///
    /// Never fails: if a pattern cannot be built, ``redact(_:)`` replaces the whole text (fail closed).
    public init(kinds: Set<PIIKind> = Set(PIIKind.allCases)) {
        self.kinds = kinds
        do {
            let all =
                try PIIRule.secretRules() + [try PIIRule.emailRule(), try PIIRule.cardRule()]
                + (try PIIRule.ssnRules()) + (try PIIRule.phoneRules())
            rules = .success(all.filter { kinds.contains($0.kind) })
        } catch {
            rules = .failure(.unavailable)
        }
    }

    /// The findings in `text`, ordered by position, with no overlaps.
    ///
    /// - Throws: ``GuardrailError/unavailable`` when the redactor could not be built.
    public func findings(in text: String) throws(GuardrailError) -> [PIIFinding] {
        try matches(in: text).map { Self.finding($0, in: text) }
    }

    /// Replaces every finding in `text` with its placeholder.
    ///
    /// If the redactor cannot run, the whole text becomes `[REDACTED]` and ``RedactionResult/failedClosed`` is set:
    /// nothing passes through unchecked.
    public func redact(_ text: String) -> RedactionResult {
        do {
            let found = try matches(in: text)
            return RedactionResult(
                text: Self.replace(found, in: text),
                findings: found.map { Self.finding($0, in: text) }
            )
        } catch {
            return RedactionResult(text: "[REDACTED]", findings: [], failedClosed: true)
        }
    }

    /// A finding as a range of the text's own indices.
    struct Match {
        let kind: PIIKind
        let range: Range<String.Index>
    }

    /// `match` expressed as UTF-8 byte offsets into `text`.
    static func finding(_ match: Match, in text: String) -> PIIFinding {
        let start = text.utf8.distance(from: text.startIndex, to: match.range.lowerBound)
        let end = text.utf8.distance(from: text.startIndex, to: match.range.upperBound)
        return PIIFinding(kind: match.kind, range: start..<end)
    }

    /// Accepted, non-overlapping matches ordered by position, as ranges of `text` itself.
    ///
    /// Rules run over the folded view (``PIIText``) so that other digit scripts, Unicode spaces and dashes and
    /// full-width forms are found; each match is mapped back to the original span it came from.
    func matches(in text: String) throws(GuardrailError) -> [Match] {
        let rules = try rules.get()
        let view = PIIText(text)
        let candidates = rules.flatMap { rule in
            rule.candidates(in: view.folded).map { Match(kind: rule.kind, range: view.originalRange($0)) }
        }
        .sorted { lhs, rhs in
            if lhs.kind.priority != rhs.kind.priority { return lhs.kind.priority < rhs.kind.priority }
            if lhs.range.lowerBound != rhs.range.lowerBound { return lhs.range.lowerBound < rhs.range.lowerBound }
            return lhs.range.upperBound > rhs.range.upperBound
        }
        var accepted: [Match] = []
        for candidate in candidates where !accepted.contains(where: { $0.range.overlaps(candidate.range) }) {
            accepted.append(candidate)
        }
        return accepted.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// `text` with each match replaced by its placeholder; `matches` must be ordered and disjoint.
    static func replace(_ matches: [Match], in text: String, upTo end: String.Index? = nil) -> String {
        let end = end ?? text.endIndex
        var output = ""
        var cursor = text.startIndex
        for match in matches where match.range.upperBound <= end {
            output += text[cursor..<match.range.lowerBound]
            output += match.kind.placeholder
            cursor = match.range.upperBound
        }
        output += text[cursor..<end]
        return output
    }
}
