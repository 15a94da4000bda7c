import AgentryCore
import Authorization

extension Schema {
    /// Reads entity JSON with this schema: values are converted and checked against the declared shapes, parents
    /// and tags; the schema's actions (with their `memberOf` hierarchy) are added. Throws
    /// `schema.entities_invalid`.
    public func entities(jsonText: String) throws(SchemaError) -> Entities {
        let json: CedarJSON
        do {
            json = try CedarJSONReader.read(Array(jsonText.utf8))
        } catch {
            throw .entities("entities are not valid JSON")
        }
        return try entities(cedarJSON: json)
    }

    /// Reads entity JSON from a `JSONValue` (numbers exact up to 2⁵³); see ``entities(jsonText:)``.
    public func entities(json: JSONValue) throws(SchemaError) -> Entities {
        try entities(cedarJSON: CedarJSON(json))
    }

    /// Reads already-parsed entity JSON; see ``entities(jsonText:)``.
    package func entities(cedarJSON json: CedarJSON) throws(SchemaError) -> Entities {
        guard case .array(let items) = json else { throw .entities("entities must be a JSON array") }
        var byUID: [EntityUID: Entity] = [:]
        for item in items {
            let entity = try self.entity(item)
            if let earlier = byUID.updateValue(entity, forKey: entity.uid) {
                // Cedar tolerates a repeated entry only when it is identical.
                guard earlier.attributes == entity.attributes, earlier.parents == entity.parents,
                    earlier.tags == entity.tags
                else { throw .entities("duplicate entity entry `\(entity.uid)`") }
            }
        }
        for action in actions.values where byUID[action.uid] == nil {
            byUID[action.uid] = Entity(uid: action.uid, parents: action.memberOf)
        }
        return Entities(Array(byUID.values))
    }

    private func entity(_ json: CedarJSON) throws(SchemaError) -> Entity {
        guard json.members != nil, let uidJSON = json["uid"] else { throw .entities("entity without `uid`") }
        let uid: EntityUID
        do {
            uid = try EntityUID(cedarJSON: uidJSON, context: "entity uid")
        } catch {
            throw .entities(error.message)
        }
        if let action = actions[uid] { return try actionEntity(action, json) }
        if Schema.isActionType(uid.type), entityTypes[uid.type] == nil {
            throw .entities("found action entity `\(uid)`, but it was not declared as an action in the schema")
        }
        guard let definition = entityTypes[uid.type] else {
            throw .entities("entity `\(uid)` has type `\(uid.type)` which is not declared in the schema")
        }
        if let choices = definition.enumChoices, !choices.contains(uid.id) {
            throw .entities("entity `\(uid)` is not one of the enumerated ids of `\(uid.type)`")
        }
        let parser = SchemaDataParser(schema: self)
        let attributes = try parser.record(try members(json["attrs"]), as: definition.attributes, at: "`\(uid)`")
        var tags: [String: CedarValue] = [:]
        let tagMembers = try members(json["tags"])
        if !tagMembers.isEmpty {
            guard let tagType = definition.tags else {
                throw .entities("found tags on `\(uid)`, but its type declares no tags")
            }
            for (key, value) in tagMembers { tags[key] = try parser.value(value, as: tagType, at: "`\(uid)` tag") }
        }
        return Entity(uid: uid, attributes: attributes, parents: try parents(json["parents"], of: uid), tags: tags)
    }

    /// An action entity in the data must agree with the schema's declaration (the same ancestors, no attributes).
    private func actionEntity(_ action: ActionDefinition, _ json: CedarJSON) throws(SchemaError) -> Entity {
        var declared: Set<EntityUID> = []
        if case .array(let items)? = json["parents"] {
            for item in items {
                guard let parent = try? EntityUID(cedarJSON: item, context: "entity parents") else {
                    throw .entities("entity parents must be entity references")
                }
                declared.insert(parent)
                declared.formUnion(actionAncestors(parent))
            }
        }
        let attributes = try members(json["attrs"])
        let tags = try members(json["tags"])
        let hasAttributes = !attributes.isEmpty || !tags.isEmpty
        guard declared == actionAncestors(action.uid), !hasAttributes else {
            throw .entities("definition of action `\(action.uid)` does not match its schema declaration")
        }
        return Entity(uid: action.uid, parents: action.memberOf)
    }

    private func members(_ json: CedarJSON?) throws(SchemaError) -> [(String, CedarJSON)] {
        guard let json else { return [] }
        guard let members = json.members else { throw .entities("entity attributes and tags must be JSON objects") }
        return members
    }

    private func parents(_ json: CedarJSON?, of uid: EntityUID) throws(SchemaError) -> Set<EntityUID> {
        guard let json else { return [] }
        guard case .array(let items) = json else { throw .entities("entity parents must be a JSON array") }
        let allowed = entityTypes[uid.type]?.memberOfTypes ?? []
        var parents: Set<EntityUID> = []
        for item in items {
            let parent: EntityUID
            do {
                parent = try EntityUID(cedarJSON: item, context: "entity parents")
            } catch {
                throw .entities(error.message)
            }
            guard allowed.contains(parent.type) else {
                throw .entities(
                    "`\(uid)` is not allowed to have an ancestor of type `\(parent.type)` according to the schema"
                )
            }
            parents.insert(parent)
        }
        return parents
    }
}
