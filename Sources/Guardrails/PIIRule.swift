/// One way of finding a kind of sensitive data: a candidate pattern plus a validator that rejects look-alikes.
///
/// Rules run over the folded view of a text (``PIIText``), so their patterns and validators see ASCII digits,
/// spaces and dashes whatever the original used.
struct PIIRule: Sendable {
    /// What a match is.
    let kind: PIIKind
    /// The candidate pattern.
    let pattern: Pattern
    /// The capture group holding the value (0 = the whole match).
    let group: Int
    /// Turns one candidate (the full text and the candidate's range) into the accepted values inside it, if any.
    let select: @Sendable (String, Range<String.Index>) -> [Range<String.Index>]

    init(
        _ kind: PIIKind,
        _ source: String,
        group: Int = 0,
        accept: @escaping @Sendable (String, Range<String.Index>) -> Bool = { _, _ in true }
    ) throws {
        try self.init(kind, source, group: group, select: { text, range in accept(text, range) ? [range] : [] })
    }

    init(
        _ kind: PIIKind,
        _ source: String,
        group: Int = 0,
        select: @escaping @Sendable (String, Range<String.Index>) -> [Range<String.Index>]
    ) throws {
        self.kind = kind
        self.pattern = try Pattern(source)
        self.group = group
        self.select = select
    }

    /// Every accepted candidate in `text`.
    func candidates(in text: String) -> [Range<String.Index>] {
        pattern.ranges(in: text, group: group).flatMap { select(text, $0) }
    }
}

extension PIIRule {
    /// Secrets: PEM private keys (an unterminated block runs to the end of the text), AWS access key ids, JWTs and
    /// provider API keys (`sk-…`, `sk_live_…`, `ghp_…`, `xoxb-…`, `AIza…`).
    static func secretRules() throws -> [PIIRule] {
        [
            try PIIRule(
                .secret,
                #"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"#
                    + #"(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|[\s\S]*\z)"#
            ),
            try PIIRule(
                .secret,
                #"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA|A3T[A-Z0-9])[A-Z0-9]{16}\b"#
            ),
            try PIIRule(.secret, #"\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"#),
            try PIIRule(
                .secret,
                #"\b(?:sk-[A-Za-z0-9][A-Za-z0-9_-]{19,}|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"#
                    + #"|gh[pousr]_[A-Za-z0-9]{30,}"#
                    + #"|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})"#
            ),
        ]
    }

    /// E-mail addresses: a local part (letters of any script, digits and `._%+-`, or a quoted string such as
    /// `"john doe"`), `@`, and a dotted domain of letters of any script ending in a 2–24 letter label or an `xn--`
    /// label. Full-width `＠` and digits are folded before matching.
    static func emailRule() throws -> PIIRule {
        let word = #"\p{L}\p{M}\p{N}"#
        return try PIIRule(
            .email,
            #"(?:"(?:[^"\\\n]|\\.){1,64}"|(?<![\#(word)._%+-])[\p{L}\p{N}][\#(word)._%+-]{0,63})@"#
                + #"(?:[\p{L}\p{N}](?:[\#(word)-]{0,61}[\#(word)])?\.)+"#
                + #"(?:\p{L}[\p{L}\p{M}]{1,23}|(?i:xn--)[A-Za-z0-9-]{1,59})(?![\#(word)_-])"#
        )
    }

    /// Payment cards: 13–19 digits, bare or grouped by spaces, dashes, dots, slashes or underscores (see
    /// ``CardNumberRun``), Luhn-valid.
    static func cardRule() throws -> PIIRule {
        try PIIRule(.card, CardNumberRun.pattern) { text, range in CardNumberRun(text[range]).cards() }
    }

    /// US SSNs: `AAA-GG-SSSS` with one separator used twice (a dash, dot, slash or underscore, optionally spaced, or
    /// one or two spaces), or nine bare digits right after "SSN"/"social security"; all inside the SSA's issuable
    /// ranges. Other dashes, spaces and digit scripts are folded before matching.
    static func ssnRules() throws -> [PIIRule] {
        let valid: @Sendable (String, Range<String.Index>) -> Bool = { text, range in
            let digits = String(text[range].filter(\.isASCIIDigitCharacter))
            guard digits.count == 9 else { return false }
            return NumberRules.validSSN(
                area: String(digits.prefix(3)),
                group: String(digits.dropFirst(3).prefix(2)),
                serial: String(digits.suffix(4))
            )
        }
        return [
            try PIIRule(
                .ssn,
                #"(?<![\d-])(?<!\d[./_])\d{3}( ?[-./_] ?| {1,2})\d{2}\1\d{4}(?!\d)(?![-./_]\d)"#,
                accept: valid
            ),
            try PIIRule(
                .ssn,
                #"(?i:\bssn|social security(?: number| no\.?)?|\bss#)[^\d\n]{0,20}(?<!\d)(\d{9})(?!\d)"#,
                group: 1,
                accept: valid
            ),
        ]
    }
}

extension Character {
    /// True for `0`–`9` only (not other scripts' digits).
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
