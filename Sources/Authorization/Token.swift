/// A lexical token of Cedar policy text.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        /// A string literal's raw body, escapes not yet decoded (patterns and strings decode differently).
        case string(String)
        /// An unsigned integer literal's digits.
        case integer(String)
        case slot(String)
        case symbol(String)
        case end
    }

    let kind: Kind
    let position: SourcePosition

    /// The token as Cedar error messages quote it.
    var display: String {
        switch kind {
        case .identifier(let name): "`\(name)`"
        case .string(let raw): "`\"\(raw)\"`"
        case .integer(let digits): "`\(digits)`"
        case .slot(let name): "`?\(name)`"
        case .symbol(let symbol): "`\(symbol)`"
        case .end: "end of input"
        }
    }
}
