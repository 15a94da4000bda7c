import AgentryCore

/// A small JSON Schema check for tool arguments: required properties, property types and
/// `additionalProperties: false`. Enough to refuse malformed calls before they reach a tool.
enum SchemaCheck {
    /// A description of the first problem, or nil when `value` fits `schema`.
    static func problem(_ value: JSONValue, against schema: JSONValue) -> String? {
        guard let object = value.objectValue else { return "arguments must be an object" }
        let properties = schema["properties"].objectValue ?? [:]
        for required in schema["required"].arrayValue?.compactMap(\.stringValue) ?? [] where object[required] == nil {
            return "missing argument `\(required)`"
        }
        for (name, argument) in object {
            guard let property = properties[name] else {
                if schema["additionalProperties"] == false { return "unexpected argument `\(name)`" }
                continue
            }
            if let type = property["type"].stringValue, !matches(argument, type) {
                return "argument `\(name)` must be of type \(type)"
            }
        }
        return nil
    }

    private static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("object", .object), ("array", .array), ("null", .null):
            return true
        case ("number", .number): return true
        case ("integer", .number(let number)): return number.rounded() == number
        default: return false
        }
    }
}
