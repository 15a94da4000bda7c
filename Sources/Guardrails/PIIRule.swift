/// One way of finding a kind of sensitive data: a candidate pattern plus a validator that rejects look-alikes.
struct PIIRule: Sendable {
    /// What a match is.
    let kind: PIIKind
    /// The candidate pattern.
    let pattern: Pattern
    /// The capture group holding the value (0 = the whole match).
    let group: Int
    /// Decides whether a candidate is real, given the full text and the candidate's range.
    let accept: @Sendable (String, Range<String.Index>) -> Bool

    init(
        _ kind: PIIKind,
        _ source: String,
        group: Int = 0,
        accept: @escaping @Sendable (String, Range<String.Index>) -> Bool = { _, _ in true }
    ) throws {
        self.kind = kind
        self.pattern = try Pattern(source)
        self.group = group
        self.accept = accept
    }

    /// Every accepted candidate in `text`.
    func candidates(in text: String) -> [Range<String.Index>] {
        pattern.ranges(in: text, group: group).filter { accept(text, $0) }
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

    /// E-mail addresses: a local part, `@`, and a dotted domain ending in a 2–24 letter label.
    static func emailRule() throws -> PIIRule {
        try PIIRule(
            .email,
            #"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"#
                + #"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"#
                + #"[A-Za-z]{2,24}\b"#
        )
    }

    /// Payment cards: 13–19 digits, optionally grouped by single spaces or dashes, Luhn-valid.
    static func cardRule() throws -> PIIRule {
        try PIIRule(.card, #"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])"#) { text, range in
            NumberRules.plausibleCard(String(text[range].filter(\.isASCIIDigitCharacter)))
        }
    }

    /// US SSNs: `AAA-GG-SSSS` or `AAA GG SSSS`, or nine bare digits right after "SSN"/"social security"; all
    /// inside the SSA's issuable ranges.
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
            try PIIRule(.ssn, #"(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])"#, accept: valid),
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
