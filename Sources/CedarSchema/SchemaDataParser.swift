import Authorization

/// Converts Cedar JSON data to values as Cedar does when a schema is given: a string where an extension type is
/// declared becomes that extension value, `{"type", "id"}` where an entity is declared becomes an entity
/// reference, and every value is checked against its declared type.
struct SchemaDataParser {
    let schema: Schema

    /// Converts `json` to a value of the declared `type`; `path` names the place in messages.
    func value(_ json: CedarJSON, as type: SchemaType, at path: String) throws(SchemaError) -> CedarValue {
        if let escaped = try escape(json, at: path) {
            try check(escaped, is: type, at: path)
            return escaped
        }
        switch (type, json) {
        case (.bool, .bool(let flag)): return .bool(flag)
        case (.long, .integer(let number)): return .long(number)
        case (.string, .string(let text)): return .string(text)
        case (.extensionType(let name), .string(let text)):
            guard let function = Self.constructors[name], let value = try? ExtensionFunctions.construct(function, text)
            else { throw .entities("\(path): invalid `\(name)` value `\"\(text)\"`") }
            return .extension(value)
        case (.entity(let name), .object):
            let uid: EntityUID
            do {
                uid = try EntityUID(cedarJSON: json, context: path)
            } catch {
                throw .entities("\(path): expected an entity reference of type `\(name)`")
            }
            try check(.entity(uid), is: type, at: path)
            return .entity(uid)
        case (.set(let element), .array(let items)):
            var set = Set<CedarValue>(minimumCapacity: items.count)
            for (index, item) in items.enumerated() {
                set.insert(try value(item, as: element, at: "\(path)[\(index)]"))
            }
            return .set(set)
        case (.record(let record), .object(let members)):
            return .record(try self.record(members, as: record, at: path))
        default:
            throw .entities("\(path): type mismatch: value was expected to have type `\(type)`")
        }
    }

    /// Converts an object's members to a record of the declared shape: no undeclared attribute, every required one.
    func record(
        _ members: [(String, CedarJSON)],
        as type: RecordType,
        at path: String
    ) throws(SchemaError) -> [String: CedarValue] {
        var result = [String: CedarValue](minimumCapacity: members.count)
        for (key, json) in members {
            guard let attribute = type.attributes.codePointValue(forKey: key) else {
                throw .entities("\(path): attribute `\(key)` should not exist according to the schema")
            }
            guard result.insertCodePointKey(key, try value(json, as: attribute.type, at: "\(path).\(key)")) else {
                throw .entities("\(path): duplicate attribute `\(key)`")
            }
        }
        for (key, attribute) in type.attributes where attribute.isRequired {
            guard result.codePointValue(forKey: key.unaliasedKey) == nil else { continue }
            throw .entities("\(path): expected attribute `\(key.unaliasedKey)` to exist according to the schema")
        }
        return result
    }

    private static let constructors: [String: CedarFunction] = [
        "ipaddr": .ip, "decimal": .decimal, "datetime": .datetime, "duration": .duration,
    ]

    /// Reads `{"__entity": …}` and `{"__extn": …}` escapes; nil for anything else.
    private func escape(_ json: CedarJSON, at path: String) throws(SchemaError) -> CedarValue? {
        guard case .object(let members) = json, members.count == 1,
            members[0].0 == "__entity" || members[0].0 == "__extn"
        else { return nil }
        do {
            return try CedarValue(cedarJSON: json, context: path)
        } catch {
            throw .entities(error.message)
        }
    }

    /// Checks an already-built value (from an escape) against the declared type.
    private func check(_ value: CedarValue, is type: SchemaType, at path: String) throws(SchemaError) {
        switch (type, value) {
        case (.entity(let name), .entity(let uid)):
            guard uid.type == name else {
                throw .entities(
                    "\(path): type mismatch: value was expected to have type `\(name)`, but it has type `\(uid.type)`"
                )
            }
            if let choices = schema.entityTypes[name]?.enumChoices, !choices.contains(uid.id) {
                throw .entities("\(path): entity `\(uid)` is not one of the enumerated ids of `\(name)`")
            }
        case (.extensionType(let name), .extension(let ext)) where ext.typeName == name:
            return
        default:
            throw .entities("\(path): type mismatch: value was expected to have type `\(type)`")
        }
    }
}
