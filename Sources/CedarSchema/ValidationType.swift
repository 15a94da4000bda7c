/// The types of Cedar's strict typechecker, including the singleton boolean types `True` and `False`.
indirect enum ValidationType: Equatable, Sendable, CustomStringConvertible {
    /// `Bool`, or one of its singleton subtypes.
    case bool(BoolKind)
    case long
    case string
    /// A set; a nil element is the element type of an empty set.
    case set(ValidationType?)
    /// A record; attributes with their optionality.
    case record([String: Attribute])
    /// An entity of one type (strict mode never mixes entity types).
    case entity(String)
    /// An entity of unknown type (a template slot).
    case anyEntity
    /// An extension type by name.
    case extensionType(String)

    /// The three boolean types.
    enum BoolKind: Equatable, Sendable {
        case any, alwaysTrue, alwaysFalse
    }

    /// A record attribute's type.
    struct Attribute: Equatable, Sendable {
        var type: ValidationType
        var isRequired: Bool
    }

    static let anyBool = ValidationType.bool(.any)
    static let alwaysTrue = ValidationType.bool(.alwaysTrue)
    static let alwaysFalse = ValidationType.bool(.alwaysFalse)

    /// The type of a schema type.
    init(_ type: SchemaType) {
        switch type {
        case .bool: self = .anyBool
        case .long: self = .long
        case .string: self = .string
        case .set(let element): self = .set(ValidationType(element))
        case .record(let record): self = .record(ValidationType.attributes(record))
        case .entity(let name): self = .entity(name)
        case .extensionType(let name): self = .extensionType(name)
        }
    }

    static func attributes(_ record: RecordType) -> [String: Attribute] {
        record.attributes.mapValues { Attribute(type: ValidationType($0.type), isRequired: $0.isRequired) }
    }

    var isBool: Bool {
        if case .bool = self { return true }
        return false
    }

    /// Cedar's spelling, as used in its validation messages.
    var description: String {
        switch self {
        case .bool(.any): "Bool"
        case .bool(.alwaysTrue): "__cedar::internal::True"
        case .bool(.alwaysFalse): "__cedar::internal::False"
        case .long: "Long"
        case .string: "String"
        case .set(let element): "Set<\(element.map(\.description) ?? "__cedar::internal::Never")>"
        case .record(let attributes):
            "{"
                + attributes.keys.sorted().map { key in
                    let attribute = attributes[key].map { "\($0.isRequired ? "" : "?")\(key): \($0.type)," } ?? ""
                    return attribute
                }.joined() + "}"
        case .entity(let name): name
        case .anyEntity: "entity"
        case .extensionType(let name): name
        }
    }

    /// The least upper bound in strict mode: booleans join to `Bool`, sets and records join element-wise (records
    /// must have the same attributes), entity types must be equal; nil when the types are incompatible.
    static func leastUpperBound(_ lhs: ValidationType, _ rhs: ValidationType) -> ValidationType? {
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): return a == b ? lhs : .anyBool
        case (.long, .long), (.string, .string): return lhs
        case (.extensionType(let a), .extensionType(let b)): return a == b ? lhs : nil
        case (.entity(let a), .entity(let b)): return a == b ? lhs : nil
        case (.anyEntity, .entity), (.entity, .anyEntity), (.anyEntity, .anyEntity): return .anyEntity
        case (.set(let a), .set(let b)):
            guard let a else { return rhs }
            guard let b else { return lhs }
            return leastUpperBound(a, b).map { .set($0) }
        case (.record(let a), .record(let b)):
            guard a.count == b.count else { return nil }
            var joined: [String: Attribute] = [:]
            for (key, left) in a {
                guard let right = b.codePointValue(forKey: key.unaliasedKey), left.isRequired == right.isRequired,
                    let type = leastUpperBound(left.type, right.type)
                else { return nil }
                joined[key] = Attribute(type: type, isRequired: left.isRequired)
            }
            return .record(joined)
        default: return nil
        }
    }
}
