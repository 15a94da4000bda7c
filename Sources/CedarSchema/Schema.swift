import AgentryCore
import Authorization

/// A Cedar schema with every name resolved: entity types, actions and the request types each action applies to.
///
/// Read it from the human-readable format (``init(text:)``) or the JSON format (``init(json:)``); write it back
/// to JSON with ``jsonValue()`` (common types are kept as declared, so `schema → JSON → schema` round-trips).
public struct Schema: Sendable, Equatable {
    /// Entity types by fully qualified name (action entity types are not listed here).
    public let entityTypes: [String: EntityTypeDefinition]
    /// Actions by uid, e.g. `Action::"view"` or `App::Action::"view"`.
    public let actions: [EntityUID: ActionDefinition]
    /// Common types (`type T = …`) by fully qualified name, expanded.
    public let commonTypes: [String: SchemaType]
    /// The declarations as written, for the JSON writer.
    package let fragment: SchemaFragment

    /// Parses the human-readable format; throws `schema.parse_error` (with line:column) or `schema.invalid`.
    public init(text: String) throws(SchemaError) {
        try self.init(fragment: try SchemaParser.parse(text))
    }

    /// Reads the JSON format; throws `schema.invalid`.
    public init(json: JSONValue) throws(SchemaError) {
        try self.init(fragment: try SchemaJSONReader.fragment(json))
    }

    /// Reads the JSON format from text; throws `schema.invalid`.
    public init(jsonText: String) throws(SchemaError) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(jsonText)
        } catch {
            throw .invalid("schema is not valid JSON")
        }
        try self.init(json: json)
    }

    /// Resolves a parsed fragment; throws `schema.invalid` for unresolvable names, duplicates and cycles.
    package init(fragment: SchemaFragment) throws(SchemaError) {
        var resolver = SchemaResolver(fragment)
        let resolved = try resolver.resolve()
        self.entityTypes = resolved.entityTypes
        self.actions = resolved.actions
        self.commonTypes = resolved.commonTypes
        self.fragment = fragment
    }

    /// The schema in Cedar's JSON format.
    public func jsonValue() -> JSONValue {
        SchemaJSONWriter.json(fragment)
    }

    /// Compares the resolved meaning, not the spelling.
    public static func == (lhs: Schema, rhs: Schema) -> Bool {
        lhs.entityTypes == rhs.entityTypes && lhs.actions == rhs.actions && lhs.commonTypes == rhs.commonTypes
    }

    /// True when `type` names an action entity type (`Action` or `N::Action`).
    public static func isActionType(_ type: String) -> Bool {
        type == "Action" || type.hasSuffix("::Action")
    }

    /// True when the type is declared, as an entity type or as the type of some action.
    public func isKnownEntityType(_ type: String) -> Bool {
        entityTypes[type] != nil || actionTypes.contains(type)
    }

    /// The entity types of the declared actions.
    public var actionTypes: Set<String> { Set(actions.keys.map(\.type)) }

    /// True when an entity of type `child` may be a descendant of (or equal to) an entity of type `ancestor`.
    public func mayDescend(_ child: String, from ancestor: String) -> Bool {
        if child == ancestor { return true }
        var seen: Set<String> = [child]
        var frontier = [child]
        while let next = frontier.popLast() {
            for parent in entityTypes[next]?.memberOfTypes ?? [] where seen.insert(parent).inserted {
                if parent == ancestor { return true }
                frontier.append(parent)
            }
        }
        return false
    }

    /// Every ancestor of an action in the action hierarchy (excluding itself).
    public func actionAncestors(_ action: EntityUID) -> Set<EntityUID> {
        var seen: Set<EntityUID> = []
        var frontier = [action]
        while let next = frontier.popLast() {
            for parent in actions[next]?.memberOf ?? [] where seen.insert(parent).inserted { frontier.append(parent) }
        }
        return seen
    }
}

/// A declared entity type.
public struct EntityTypeDefinition: Sendable, Equatable {
    /// The fully qualified name.
    public let name: String
    /// Types an entity of this type may have as parents.
    public let memberOfTypes: Set<String>
    /// The attributes (the shape).
    public let attributes: RecordType
    /// The type of every tag value, or nil when the type has no tags.
    public let tags: SchemaType?
    /// The allowed ids of an enumerated entity type (`entity E enum ["a", "b"]`), or nil.
    public let enumChoices: [String]?
}

/// A declared action.
public struct ActionDefinition: Sendable, Equatable {
    /// The action's uid.
    public let uid: EntityUID
    /// Parent actions (action groups).
    public let memberOf: Set<EntityUID>
    /// Principal types the action applies to (empty: none).
    public let principalTypes: [String]
    /// Resource types the action applies to (empty: none).
    public let resourceTypes: [String]
    /// The context record type.
    public let context: RecordType
}
