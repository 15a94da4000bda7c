/// The unique identifier of a Cedar entity: a (possibly namespaced) type name and an id, `Type::"id"`.
public struct EntityUID: Hashable, Sendable, CustomStringConvertible {
    /// The entity type, namespaces joined with `::`, e.g. `Agentry::User`.
    public let type: String
    /// The entity id, any string.
    public let id: String
    /// The hash of `type` and `id`, computed once: entity uids are hashed on every hierarchy and attribute
    /// lookup, and hashing one integer is much cheaper than hashing two strings.
    private let hashValueCache: Int

    /// Creates an identifier from a type name and an id.
    public init(type: String, id: String) {
        self.type = type
        self.id = id
        var hasher = Hasher()
        hasher.combine(codePoints: type)
        hasher.combine(codePoints: id)
        hashValueCache = hasher.finalize()
    }

    /// Equal when type and id have the same code points (Cedar does not apply Unicode canonical equivalence).
    public static func == (left: EntityUID, right: EntityUID) -> Bool {
        guard left.hashValueCache == right.hashValueCache else { return false }
        return left.type.hasSameCodePoints(as: right.type) && left.id.hasSameCodePoints(as: right.id)
    }

    /// Feeds the cached hash of type and id.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(hashValueCache)
    }

    /// The Cedar literal form, `Type::"id"`, with the id escaped as Cedar prints it.
    public var description: String { "\(type)::\"\(EntityUID.escape(id))\"" }

    /// Escapes quotes, backslashes and control characters for display.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
