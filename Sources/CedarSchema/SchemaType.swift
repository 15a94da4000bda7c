/// A resolved schema type: every name is fully qualified and common types are expanded.
public indirect enum SchemaType: Hashable, Sendable, CustomStringConvertible {
    /// `Bool`
    case bool
    /// `Long`
    case long
    /// `String`
    case string
    /// `Set<T>`
    case set(SchemaType)
    /// A record with declared attributes.
    case record(RecordType)
    /// An entity of the named (fully qualified) type.
    case entity(String)
    /// An extension type: `ipaddr`, `decimal`, `datetime` or `duration`.
    case extensionType(String)

    /// Cedar's spelling of the type, e.g. `Set<Long>` or `{ a: Long, b?: String }`.
    public var description: String {
        switch self {
        case .bool: "Bool"
        case .long: "Long"
        case .string: "String"
        case .set(let element): "Set<\(element)>"
        case .record(let record): record.description
        case .entity(let name): name
        case .extensionType(let name): name
        }
    }

    /// The extension type names Cedar knows.
    public static let extensionNames: Set<String> = ["ipaddr", "decimal", "datetime", "duration"]
}

/// The attributes of a record type (closed: no other attribute may appear).
public struct RecordType: Hashable, Sendable, CustomStringConvertible {
    /// Attributes by name.
    public var attributes: [String: AttributeType]

    /// Creates a record type.
    public init(_ attributes: [String: AttributeType] = [:]) {
        self.attributes = attributes
    }

    /// `{ a: Long, b?: String }` with attributes sorted by name.
    public var description: String {
        let parts = attributes.keys.sorted().map { key in
            let attribute = attributes[key].map { "\($0.isRequired ? "" : "?"): \($0.type)" } ?? ""
            return "\(key)\(attribute)"
        }
        return parts.isEmpty ? "{}" : "{ " + parts.joined(separator: ", ") + " }"
    }
}

/// One attribute of a record type.
public struct AttributeType: Hashable, Sendable {
    /// The attribute's type.
    public var type: SchemaType
    /// False for attributes declared with `?` (JSON `"required": false`).
    public var isRequired: Bool

    /// Creates an attribute type.
    public init(_ type: SchemaType, isRequired: Bool = true) {
        self.type = type
        self.isRequired = isRequired
    }
}
