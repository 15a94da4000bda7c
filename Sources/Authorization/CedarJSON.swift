import AgentryCore

/// A JSON document as the entity and request readers need it: integers are kept exact as `Int64`.
///
/// `JSONValue` stores numbers as `Double`, which cannot hold every Cedar `long`; text inputs are therefore
/// read with ``CedarJSONReader`` and `JSONValue` inputs are converted (exact up to 2⁵³).
package indirect enum CedarJSON: Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case fraction(Double)
    case string(String)
    case array([CedarJSON])
    case object([(String, CedarJSON)])

    /// Converts a `JSONValue`; whole numbers within `Int64` become `.integer`.
    package init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number):
            if number.rounded() == number, let exact = Int64(exactly: number) {
                self = .integer(exact)
            } else {
                self = .fraction(number)
            }
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(CedarJSON.init))
        case .object(let members):
            self = .object(members.sorted { $0.key < $1.key }.map { ($0.key, CedarJSON($0.value)) })
        }
    }

    /// The members of an object, or nil.
    package var members: [(String, CedarJSON)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The string payload, or nil.
    package var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Looks up `key` in an object (first occurrence).
    package subscript(key: String) -> CedarJSON? {
        members?.first { $0.0 == key }?.1
    }
}
