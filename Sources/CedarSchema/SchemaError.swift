import AgentryCore

/// An error reading a schema, or data (entities, context, request) checked against one.
///
/// Messages follow Cedar's grammar: lower case, no final period, user text in backticks. Parse errors of the
/// human-readable format carry the 1-based line and column and start with `line:column: `.
public struct SchemaError: AgentryError, Equatable {
    /// A stable dotted code: `schema.parse_error`, `schema.invalid`, `schema.entities_invalid`,
    /// `schema.request_invalid`.
    public let code: String
    /// What went wrong, in Cedar's message style.
    public let message: String
    /// Always 400: schemas and data come from clients.
    public let status: Int
    /// The 1-based line of a parse error, when known.
    public let line: Int?
    /// The 1-based column of a parse error, when known.
    public let column: Int?

    /// Creates an error without a source position.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
        self.status = 400
        self.line = nil
        self.column = nil
    }

    /// Creates a parse error at a position; the message is prefixed with `line:column: `.
    init(parse message: String, line: Int, column: Int) {
        self.code = "schema.parse_error"
        self.message = "\(line):\(column): \(message)"
        self.status = 400
        self.line = line
        self.column = column
    }

    static func invalid(_ message: String) -> SchemaError {
        SchemaError(code: "schema.invalid", message: message)
    }

    static func entities(_ message: String) -> SchemaError {
        SchemaError(code: "schema.entities_invalid", message: message)
    }

    static func request(_ message: String) -> SchemaError {
        SchemaError(code: "schema.request_invalid", message: message)
    }
}
