/// A kind of personal or secret data the redactor recognises.
public enum PIIKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// An e-mail address.
    case email
    /// A telephone number, US (NANP) or international.
    case phone
    /// A US Social Security number inside the ranges the SSA can issue.
    case ssn
    /// A payment card number of 13–19 digits that passes the Luhn check.
    case card
    /// A credential: AWS access key id, PEM private key block, JWT, or an `sk-…`-style API key.
    case secret

    /// The text that replaces a finding of this kind, such as `[EMAIL]`.
    public var placeholder: String {
        switch self {
        case .email: "[EMAIL]"
        case .phone: "[PHONE]"
        case .ssn: "[SSN]"
        case .card: "[CARD]"
        case .secret: "[SECRET]"
        }
    }

    /// Order in which overlapping candidates win: the most specific, most damaging kinds first.
    var priority: Int {
        switch self {
        case .secret: 0
        case .email: 1
        case .card: 2
        case .ssn: 3
        case .phone: 4
        }
    }
}

/// One piece of sensitive data found in a text: its kind and where it was, never its value.
public struct PIIFinding: Sendable, Hashable, CustomStringConvertible {
    /// What was found.
    public let kind: PIIKind
    /// Byte offsets into the UTF-8 encoding of the original text, end exclusive.
    public let range: Range<Int>

    /// Creates a finding.
    public init(kind: PIIKind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    /// Kind and byte range only; safe to log.
    public var description: String { "\(kind.rawValue)@\(range.lowerBound)..<\(range.upperBound)" }
}

/// Redacted text and what was taken out of it.
public struct RedactionResult: Sendable, Equatable {
    /// The text with every finding replaced by its kind's placeholder.
    public let text: String
    /// What was replaced, with ranges into the original text, in order.
    public let findings: [PIIFinding]
    /// True when the redactor could not run and replaced the whole text instead of passing it through.
    public let failedClosed: Bool

    /// Creates a result.
    public init(text: String, findings: [PIIFinding], failedClosed: Bool = false) {
        self.text = text
        self.findings = findings
        self.failedClosed = failedClosed
    }
}
