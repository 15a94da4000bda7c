import AgentryCore

/// Reads Cedar's JSON schema format into a fragment.
enum SchemaJSONReader {
    static func fragment(_ json: JSONValue) throws(SchemaError) -> SchemaFragment {
        guard let namespaces = json.objectValue else { throw .invalid("a JSON schema must be an object") }
        var fragment = SchemaFragment()
        for name in namespaces.keys.sorted() {
            guard let body = namespaces[name]?.objectValue else {
                throw .invalid("namespace `\(name)` must be a JSON object")
            }
            fragment.namespaces.append(try namespace(name, body))
        }
        return fragment
    }

    private static func namespace(
        _ name: String,
        _ body: [String: JSONValue]
    ) throws(SchemaError)
        -> SchemaFragment.Namespace
    {
        for key in body.keys where !["entityTypes", "actions", "commonTypes", "annotations"].contains(key) {
            throw .invalid("unknown field `\(key)` in namespace `\(name)`")
        }
        var result = SchemaFragment.Namespace(name: name)
        let commons = body["commonTypes"]?.objectValue ?? [:]
        for key in commons.keys.sorted() {
            guard let value = commons[key] else { continue }
            result.commonTypes.append((key, try type(value)))
        }
        let entities = body["entityTypes"]?.objectValue ?? [:]
        for key in entities.keys.sorted() {
            guard let value = entities[key]?.objectValue else {
                throw .invalid("entity type `\(key)` must be an object")
            }
            result.entityTypes.append(try entity(key, value))
        }
        let actions = body["actions"]?.objectValue ?? [:]
        for key in actions.keys.sorted() {
            guard let value = actions[key]?.objectValue else { throw .invalid("action `\(key)` must be an object") }
            result.actions.append(try action(key, value))
        }
        return result
    }

    private static func entity(
        _ name: String,
        _ body: [String: JSONValue]
    ) throws(SchemaError)
        -> SchemaFragment.EntityDecl
    {
        var decl = SchemaFragment.EntityDecl(name: name)
        decl.memberOfTypes = try strings(body["memberOfTypes"], "memberOfTypes")
        if let shape = body["shape"] { decl.shape = try type(shape) }
        if let tags = body["tags"] { decl.tags = try type(tags) }
        if let choices = body["enum"] { decl.enumChoices = try strings(choices, "enum") }
        return decl
    }

    private static func action(
        _ name: String,
        _ body: [String: JSONValue]
    ) throws(SchemaError)
        -> SchemaFragment.ActionDecl
    {
        var decl = SchemaFragment.ActionDecl(name: name)
        for item in body["memberOf"]?.arrayValue ?? [] {
            guard let id = item.member("id")?.stringValue else { throw .invalid("`memberOf` entries need an `id`") }
            decl.memberOf.append(.init(type: item.member("type")?.stringValue, id: id))
        }
        if let applies = body["appliesTo"], applies != .null {
            var result = SchemaFragment.AppliesTo()
            result.principalTypes = try strings(applies.member("principalTypes"), "principalTypes")
            result.resourceTypes = try strings(applies.member("resourceTypes"), "resourceTypes")
            if let context = applies.member("context") { result.context = try type(context) }
            decl.appliesTo = result
        }
        return decl
    }

    private static func strings(_ json: JSONValue?, _ field: String) throws(SchemaError) -> [String] {
        guard let json else { return [] }
        guard let items = json.arrayValue else { throw .invalid("`\(field)` must be an array of strings") }
        var result: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw .invalid("`\(field)` must be an array of strings") }
            result.append(text)
        }
        return result
    }

    static func type(_ json: JSONValue) throws(SchemaError) -> SchemaFragment.TypeExpr {
        guard let kind = json.member("type")?.stringValue else { throw .invalid("a schema type needs a `type` field") }
        switch kind {
        case "Boolean": return .name("__cedar::Bool")
        case "Long", "String": return .name("__cedar::\(kind)")
        case "Set":
            guard let element = json.member("element") else { throw .invalid("a `Set` type needs an `element`") }
            return .set(try type(element))
        case "Entity":
            guard let name = json.member("name")?.stringValue else { throw .invalid("an `Entity` type needs a `name`") }
            return .entity(name)
        case "Extension":
            guard let name = json.member("name")?.stringValue else {
                throw .invalid("an `Extension` type needs a `name`")
            }
            return .extensionType(name)
        case "EntityOrCommon":
            guard let name = json.member("name")?.stringValue else {
                throw .invalid("an `EntityOrCommon` type needs a `name`")
            }
            return .name(name)
        case "Record":
            return try record(json)
        default:
            return .name(kind)
        }
    }

    private static func record(_ json: JSONValue) throws(SchemaError) -> SchemaFragment.TypeExpr {
        if json.member("additionalAttributes")?.boolValue == true {
            throw .invalid("records with `additionalAttributes` are not supported")
        }
        let attributes = json.member("attributes")?.objectValue ?? [:]
        var result: [SchemaFragment.Attribute] = []
        for key in attributes.keys.sorted() {
            guard let value = attributes[key] else { continue }
            let required = value.member("required")?.boolValue ?? true
            result.append(.init(name: key, type: try type(value), isRequired: required))
        }
        return .record(result)
    }
}

extension JSONValue {
    /// The member `key` of an object, or nil when absent (or not an object).
    func member(_ key: String) -> JSONValue? {
        objectValue?[key]
    }
}
