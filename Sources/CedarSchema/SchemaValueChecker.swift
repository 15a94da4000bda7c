import Authorization

/// Checks built values against schema types.
struct SchemaValueChecker {
    let schema: Schema

    func conforms(_ value: CedarValue, to type: SchemaType) -> Bool {
        switch (type, value) {
        case (.bool, .bool), (.long, .long), (.string, .string): return true
        case (.entity(let name), .entity(let uid)): return uid.type == name
        case (.extensionType(let name), .extension(let ext)): return ext.typeName == name
        case (.set(let element), .set(let items)): return items.allSatisfy { conforms($0, to: element) }
        case (.record(let record), .record(let values)):
            for (key, item) in values {
                guard let attribute = record.attributes.codePointValue(forKey: key.unaliasedKey),
                    conforms(item, to: attribute.type)
                else { return false }
            }
            return record.attributes.allSatisfy {
                !$0.value.isRequired || values.codePointValue(forKey: $0.key.unaliasedKey) != nil
            }
        default: return false
        }
    }
}
