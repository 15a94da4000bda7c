import Foundation

/// A value bound to or read from a SQL statement.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByNilLiteral
{
    /// A text value from a string literal.
    public init(stringLiteral value: String) { self = .text(value) }
    /// An integer value from an integer literal.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A real value from a float literal.
    public init(floatLiteral value: Double) { self = .real(value) }
    /// `NULL` from `nil`.
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue {
    /// Wraps an `Int`.
    public static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }

    /// Wraps an optional string, mapping nil to `NULL`.
    public static func optionalText(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
}

/// One result row, addressed by column name.
public struct SQLRow: Sendable {
    /// Column values by name, in the row's own order.
    public let columns: [String: SQLValue]

    /// Creates a row from its column values.
    public init(columns: [String: SQLValue]) { self.columns = columns }

    /// The raw value of `column`, `.null` when absent.
    public subscript(column: String) -> SQLValue { columns[column] ?? .null }

    /// `column` as text, or nil.
    public func string(_ column: String) -> String? {
        switch self[column] {
        case .text(let value): return value
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        default: return nil
        }
    }

    /// `column` as an integer, or nil.
    public func int(_ column: String) -> Int? {
        switch self[column] {
        case .integer(let value): return Int(value)
        case .real(let value): return Int(value)
        default: return nil
        }
    }

    /// `column` as a double, or nil.
    public func double(_ column: String) -> Double? {
        switch self[column] {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: return nil
        }
    }

    /// `column` as bytes, or nil.
    public func data(_ column: String) -> Data? {
        switch self[column] {
        case .blob(let value): return value
        case .text(let value): return Data(value.utf8)
        default: return nil
        }
    }
}
