import AgentryCore

/// The error the policy engine throws when policy text, entity data or a request cannot be read.
///
/// Authorisation itself never throws: a policy whose condition fails to evaluate is skipped and reported in
/// ``AuthorizationResponse/errors``. Messages follow Cedar's grammar (lower case, no final period, user input in
/// backticks) and never echo attribute values, which may carry tenant data.
public struct CedarError: AgentryError, Equatable {
    /// Stable dotted code: `policy.parse_error`, `policy.entities_invalid`, `policy.request_invalid`,
    /// `policy.json_invalid`, `policy.link_error`, `policy.duplicate_id`, `policy.est_invalid`.
    public let code: String
    /// Client-safe explanation; for parse errors it starts with `line:column:`.
    public let message: String
    /// HTTP status the error maps to (400 for every case today).
    public let status: Int
    /// One-based line of the offending token, for parse errors.
    public let line: Int?
    /// One-based column (in characters) of the offending token, for parse errors.
    public let column: Int?

    /// Creates an error without a source position.
    public init(code: String, message: String, status: Int = 400) {
        self.code = code
        self.message = message
        self.status = status
        self.line = nil
        self.column = nil
    }

    /// Creates a parse error at `position`; the message is prefixed with `line:column: `.
    init(parseError message: String, at position: SourcePosition) {
        self.code = "policy.parse_error"
        self.message = "\(position.line):\(position.column): \(message)"
        self.status = 400
        self.line = position.line
        self.column = position.column
    }

    /// An entity document that is not valid Cedar entity JSON.
    static func entities(_ message: String) -> CedarError {
        CedarError(code: "policy.entities_invalid", message: message)
    }

    /// A template link or unlink that Cedar refuses.
    static func link(_ message: String) -> CedarError {
        CedarError(code: "policy.link_error", message: message)
    }

    /// Two policies with the same id.
    static func duplicateID(_ id: String) -> CedarError {
        CedarError(code: "policy.duplicate_id", message: "duplicate policy id `\(id)`")
    }

    /// A request (principal, action, resource, context) that is not valid Cedar JSON.
    static func request(_ message: String) -> CedarError {
        CedarError(code: "policy.request_invalid", message: message)
    }
}

/// A one-based position in policy text.
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    /// One-based line number.
    public let line: Int
    /// One-based column, counted in Unicode scalars.
    public let column: Int

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}
