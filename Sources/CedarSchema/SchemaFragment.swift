/// A schema as written, before name resolution: what both parsers produce and the JSON writer prints.
package struct SchemaFragment: Sendable, Equatable {
    /// Namespaces in source order; the empty name is the default namespace.
    package var namespaces: [Namespace] = []

    /// One `namespace N { … }` block (or the top-level declarations, with an empty name).
    package struct Namespace: Sendable, Equatable {
        /// The namespace path, empty for the default namespace.
        package var name: String
        /// `type T = …` declarations in source order.
        package var commonTypes: [(name: String, type: TypeExpr)] = []
        /// Entity type declarations, one per declared name.
        package var entityTypes: [EntityDecl] = []
        /// Action declarations, one per declared name.
        package var actions: [ActionDecl] = []

        /// Compares declarations (tuples are not `Equatable`, so common types are compared field by field).
        package static func == (lhs: Namespace, rhs: Namespace) -> Bool {
            lhs.name == rhs.name && lhs.entityTypes == rhs.entityTypes && lhs.actions == rhs.actions
                && lhs.commonTypes.map(\.name) == rhs.commonTypes.map(\.name)
                && lhs.commonTypes.map(\.type) == rhs.commonTypes.map(\.type)
        }
    }

    /// A type expression; names are resolved later against the whole schema.
    package indirect enum TypeExpr: Sendable, Equatable {
        /// A name that may be a common type, an entity type or a built-in (`EntityOrCommon` in JSON).
        case name(String)
        /// JSON `{"type": "Entity", "name": …}`.
        case entity(String)
        /// JSON `{"type": "Extension", "name": …}`.
        case extensionType(String)
        /// `Set<T>`
        case set(TypeExpr)
        /// A record with attributes in source order.
        case record([Attribute])
    }

    /// One attribute of a record type expression.
    package struct Attribute: Sendable, Equatable {
        /// The declared name (unqualified).
        package var name: String
        /// The attribute type.
        package var type: TypeExpr
        /// False for `name?: T`.
        package var isRequired: Bool
    }

    /// `entity A in [B] = { … } tags T;` or `entity E enum ["a"];` (one per declared name).
    package struct EntityDecl: Sendable, Equatable {
        /// The declared name (unqualified).
        package var name: String
        /// Parent entity types as written.
        package var memberOfTypes: [String] = []
        /// The attribute record, if any.
        package var shape: TypeExpr?
        /// The tag value type, if the type has tags.
        package var tags: TypeExpr?
        /// The ids of an enumerated entity type.
        package var enumChoices: [String]?
    }

    /// `action "a" in [g] appliesTo { … };` (one per declared name).
    package struct ActionDecl: Sendable, Equatable {
        /// The declared name (unqualified).
        package var name: String
        /// Parent actions: `type` is nil for an action of the same namespace.
        package var memberOf: [ActionRef] = []
        /// Nil when the action has no `appliesTo`, so it applies to no request.
        package var appliesTo: AppliesTo?
    }

    /// A reference to an action, `{"type": …, "id": …}` in JSON.
    package struct ActionRef: Sendable, Equatable {
        /// The action entity type as written; nil for the enclosing namespace's `Action`.
        package var type: String?
        /// The action id.
        package var id: String
    }

    /// The request types an action applies to.
    package struct AppliesTo: Sendable, Equatable {
        /// Principal entity types as written.
        package var principalTypes: [String] = []
        /// Resource entity types as written.
        package var resourceTypes: [String] = []
        /// The context record type (or a common type naming one); nil for the empty record.
        package var context: TypeExpr?
    }
}
