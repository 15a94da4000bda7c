/// The value of a span or event attribute: a string, a 64-bit integer, a double or a boolean.
///
/// Encodes as the bare JSON scalar (for `/debug` output); the OTLP exporter maps it to `AnyValue` itself.
public enum AttributeValue: Sendable, Hashable {
    /// A string value.
    case string(String)
    /// A signed 64-bit integer value.
    case int(Int64)
    /// A double-precision value.
    case double(Double)
    /// A boolean value.
    case bool(Bool)

    /// The string payload, or nil for other cases.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

extension AttributeValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral
{
    /// A string literal becomes ``string(_:)``.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal becomes ``int(_:)``.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A float literal becomes ``double(_:)``.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A boolean literal becomes ``bool(_:)``.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension AttributeValue: Codable {
    /// Decodes a JSON scalar: booleans, then integers, then doubles, then strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// Encodes the bare JSON scalar.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }
}
