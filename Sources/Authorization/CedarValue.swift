/// A Cedar runtime value.
///
/// Equality is Cedar's: sets compare as sets, records as maps, extension values by their meaning
/// (`decimal("1.0") == decimal("1.00")`), and values of different types are simply unequal.
public enum CedarValue: Hashable, Sendable {
    /// A boolean.
    case bool(Bool)
    /// A 64-bit signed integer; arithmetic that overflows is an evaluation error.
    case long(Int64)
    /// A string.
    case string(String)
    /// A reference to an entity.
    case entity(EntityUID)
    /// An unordered set without duplicates.
    case set(Set<CedarValue>)
    /// A record of named attributes.
    case record([String: CedarValue])
    /// A value of an extension type (`decimal`, `ipaddr`, `datetime`, `duration`).
    case `extension`(CedarExtensionValue)

    /// The Cedar type name used in error messages: `bool`, `long`, `string`, `entity`, `set`, `record`, or
    /// the extension type name.
    public var typeName: String {
        switch self {
        case .bool: "bool"
        case .long: "long"
        case .string: "string"
        case .entity: "entity"
        case .set: "set"
        case .record: "record"
        case .extension(let value): value.typeName
        }
    }
}

extension CedarValue: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// A boolean literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal.
    public init(integerLiteral value: Int64) { self = .long(value) }
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
}
