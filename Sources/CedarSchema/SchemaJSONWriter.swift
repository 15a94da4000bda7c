import AgentryCore

/// Writes a fragment in Cedar's JSON schema format.
enum SchemaJSONWriter {
    static func json(_ fragment: SchemaFragment) -> JSONValue {
        var namespaces: [String: JSONValue] = [:]
        for namespace in fragment.namespaces {
            var body: [String: JSONValue] = [:]
            body["commonTypes"] = .object(
                Dictionary(namespace.commonTypes.map { ($0.name, type($0.type)) }, uniquingKeysWith: { a, _ in a })
            )
            body["entityTypes"] = .object(
                Dictionary(namespace.entityTypes.map { ($0.name, entity($0)) }, uniquingKeysWith: { a, _ in a })
            )
            body["actions"] = .object(
                Dictionary(namespace.actions.map { ($0.name, action($0)) }, uniquingKeysWith: { a, _ in a })
            )
            namespaces[namespace.name] = .object(body)
        }
        return .object(namespaces)
    }

    private static func entity(_ decl: SchemaFragment.EntityDecl) -> JSONValue {
        var body: [String: JSONValue] = [:]
        if let choices = decl.enumChoices {
            body["enum"] = .array(choices.map(JSONValue.string))
            return .object(body)
        }
        body["memberOfTypes"] = .array(decl.memberOfTypes.map(JSONValue.string))
        if let shape = decl.shape { body["shape"] = type(shape) }
        if let tags = decl.tags { body["tags"] = type(tags) }
        return .object(body)
    }

    private static func action(_ decl: SchemaFragment.ActionDecl) -> JSONValue {
        var body: [String: JSONValue] = [:]
        body["memberOf"] = .array(
            decl.memberOf.map { ref in
                var item: [String: JSONValue] = ["id": .string(ref.id)]
                if let type = ref.type { item["type"] = .string(type) }
                return .object(item)
            }
        )
        if let applies = decl.appliesTo {
            var appliesTo: [String: JSONValue] = [
                "principalTypes": .array(applies.principalTypes.map(JSONValue.string)),
                "resourceTypes": .array(applies.resourceTypes.map(JSONValue.string)),
            ]
            if let context = applies.context { appliesTo["context"] = type(context) }
            body["appliesTo"] = .object(appliesTo)
        }
        return .object(body)
    }

    static func type(_ expr: SchemaFragment.TypeExpr) -> JSONValue {
        switch expr {
        case .name("__cedar::Bool"): return ["type": "Boolean"]
        case .name("__cedar::Long"): return ["type": "Long"]
        case .name("__cedar::String"): return ["type": "String"]
        case .name(let name): return ["type": "EntityOrCommon", "name": .string(name)]
        case .entity(let name): return ["type": "Entity", "name": .string(name)]
        case .extensionType(let name): return ["type": "Extension", "name": .string(name)]
        case .set(let element): return ["type": "Set", "element": type(element)]
        case .record(let attributes):
            var members: [String: JSONValue] = [:]
            for attribute in attributes {
                guard case .object(var body) = type(attribute.type) else { continue }
                if !attribute.isRequired { body["required"] = false }
                members[attribute.name] = .object(body)
            }
            return ["type": "Record", "attributes": .object(members)]
        }
    }
}
