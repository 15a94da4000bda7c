import Authorization

/// Resolves the names of a fragment as Cedar does: inside namespace `N`, an unqualified name is looked up as a
/// common type of `N`, an entity type of `N`, a common type of the default namespace, an entity type of the
/// default namespace, then a built-in; `__cedar::T` always names the built-in `T`.
struct SchemaResolver {
    private let fragment: SchemaFragment
    private var commonExprs: [String: (namespace: String, type: SchemaFragment.TypeExpr)] = [:]
    private var entityNames: Set<String> = []
    private var commonCache: [String: SchemaType] = [:]

    struct Result {
        var entityTypes: [String: EntityTypeDefinition] = [:]
        var actions: [EntityUID: ActionDefinition] = [:]
        var commonTypes: [String: SchemaType] = [:]
    }

    private static let builtins: [String: SchemaType] = [
        "Bool": .bool, "Boolean": .bool, "Long": .long, "String": .string,
        "ipaddr": .extensionType("ipaddr"), "decimal": .extensionType("decimal"),
        "datetime": .extensionType("datetime"), "duration": .extensionType("duration"),
    ]

    /// Names a common type may not take.
    private static let reservedNames: Set<String> = [
        "Bool", "Boolean", "Entity", "Extension", "Long", "Record", "Set", "String",
    ]

    init(_ fragment: SchemaFragment) {
        self.fragment = fragment
    }

    static func qualify(_ name: String, in namespace: String) -> String {
        namespace.isEmpty ? name : "\(namespace)::\(name)"
    }

    mutating func resolve() throws(SchemaError) -> Result {
        // First collect every declared name, so declarations may refer to later ones.
        try collectNames()

        var result = Result()
        for name in commonExprs.keys.sorted() { result.commonTypes[name] = try common(name, visiting: []) }
        for namespace in fragment.namespaces {
            for entity in namespace.entityTypes {
                let definition = try entityType(entity, in: namespace.name)
                result.entityTypes[definition.name] = definition
            }
            for action in namespace.actions {
                let definition = try self.action(action, in: namespace.name)
                guard result.actions.updateValue(definition, forKey: definition.uid) == nil else {
                    throw .invalid("duplicate action `\(definition.uid)`")
                }
            }
        }

        // Then check the action hierarchy as a whole.
        for action in result.actions.values {
            for parent in action.memberOf where result.actions[parent] == nil {
                throw .invalid("undeclared action `\(parent)` in the `memberOf` of `\(action.uid)`")
            }
        }
        try Self.checkAcyclic(result.actions)
        return result
    }

    private mutating func collectNames() throws(SchemaError) {
        for namespace in fragment.namespaces {
            for (name, type) in namespace.commonTypes {
                let full = Self.qualify(name, in: namespace.name)
                guard !Self.reservedNames.contains(name) else {
                    throw .invalid("this uses a reserved schema keyword: `\(name)`")
                }
                guard commonExprs.updateValue((namespace.name, type), forKey: full) == nil else {
                    throw .invalid("duplicate common type `\(full)`")
                }
            }
            for entity in namespace.entityTypes {
                let full = Self.qualify(entity.name, in: namespace.name)
                guard entity.name != "Action" else {
                    throw .invalid("entity type `Action` declared in `entityTypes` list")
                }
                guard entityNames.insert(full).inserted else { throw .invalid("duplicate entity type `\(full)`") }
            }
        }
    }

    /// Cedar refuses an action that is (transitively) a member of itself.
    private static func checkAcyclic(_ actions: [EntityUID: ActionDefinition]) throws(SchemaError) {
        for uid in actions.keys {
            var seen: Set<EntityUID> = []
            var frontier = Array(actions[uid]?.memberOf ?? [])
            while let next = frontier.popLast() {
                guard next != uid else { throw .invalid("cycle in action hierarchy containing `\(uid)`") }
                if seen.insert(next).inserted { frontier += actions[next]?.memberOf ?? [] }
            }
        }
    }

    private mutating func entityType(
        _ decl: SchemaFragment.EntityDecl,
        in namespace: String
    ) throws(SchemaError) -> EntityTypeDefinition {
        var members: Set<String> = []
        for name in decl.memberOfTypes { members.insert(try entityName(name, in: namespace)) }
        var attributes = RecordType()
        if let shape = decl.shape {
            guard case .record(let record) = try type(shape, in: namespace, visiting: []) else {
                throw .invalid("the shape of entity type `\(decl.name)` must be a record")
            }
            attributes = record
        }
        return EntityTypeDefinition(
            name: Self.qualify(decl.name, in: namespace),
            memberOfTypes: members,
            attributes: attributes,
            tags: try decl.tags.map { (tags) throws(SchemaError) in try type(tags, in: namespace, visiting: []) },
            enumChoices: decl.enumChoices
        )
    }

    private mutating func action(
        _ decl: SchemaFragment.ActionDecl,
        in namespace: String
    ) throws(SchemaError) -> ActionDefinition {
        let actionType = Self.qualify("Action", in: namespace)
        let parents = Set(
            decl.memberOf.map { ref in
                EntityUID(type: ref.type.map { Self.actionTypeName($0, in: namespace) } ?? actionType, id: ref.id)
            }
        )
        var principals: [String] = []
        var resources: [String] = []
        var context = RecordType()
        if let applies = decl.appliesTo {
            for name in applies.principalTypes { principals.append(try entityName(name, in: namespace)) }
            for name in applies.resourceTypes { resources.append(try entityName(name, in: namespace)) }
            if let expr = applies.context {
                guard case .record(let record) = try type(expr, in: namespace, visiting: []) else {
                    throw .invalid("the context of action `\(decl.name)` must be a record")
                }
                context = record
            }
        }
        return ActionDefinition(
            uid: EntityUID(type: actionType, id: decl.name),
            memberOf: parents,
            principalTypes: principals,
            resourceTypes: resources,
            context: context
        )
    }

    /// An unqualified action type (`Action`) written inside namespace `N` means `N::Action`; a qualified one is
    /// taken as written.
    private static func actionTypeName(_ name: String, in namespace: String) -> String {
        name.contains("::") ? name : qualify(name, in: namespace)
    }

    private func entityName(_ name: String, in namespace: String) throws(SchemaError) -> String {
        let local = Self.qualify(name, in: namespace)
        if entityNames.contains(local) { return local }
        if entityNames.contains(name) { return name }
        throw .invalid("failed to resolve type: `\(name)`")
    }

    private mutating func common(_ full: String, visiting: Set<String>) throws(SchemaError) -> SchemaType {
        if let cached = commonCache[full] { return cached }
        guard let (namespace, expr) = commonExprs[full] else { throw .invalid("failed to resolve type: `\(full)`") }
        guard !visiting.contains(full) else { throw .invalid("cycle in common type references: `\(full)`") }
        let resolved = try type(expr, in: namespace, visiting: visiting.union([full]))
        commonCache[full] = resolved
        return resolved
    }

    mutating func type(
        _ expr: SchemaFragment.TypeExpr,
        in namespace: String,
        visiting: Set<String>
    ) throws(SchemaError) -> SchemaType {
        switch expr {
        case .name(let name): return try named(name, in: namespace, visiting: visiting)
        case .entity(let name): return .entity(try entityName(name, in: namespace))
        case .extensionType(let name):
            guard SchemaType.extensionNames.contains(name) else { throw .invalid("unknown extension type `\(name)`") }
            return .extensionType(name)
        case .set(let element): return .set(try type(element, in: namespace, visiting: visiting))
        case .record(let attributes):
            var record = RecordType()
            for attribute in attributes {
                let resolved = try type(attribute.type, in: namespace, visiting: visiting)
                // Attribute names are compared by code points, as in Cedar: `é` and `e\u{301}` are two attributes.
                _ = record.attributes.insertCodePointKey(
                    attribute.name,
                    AttributeType(resolved, isRequired: attribute.isRequired)
                )
            }
            return .record(record)
        }
    }

    private mutating func named(
        _ name: String,
        in namespace: String,
        visiting: Set<String>
    ) throws(SchemaError)
        -> SchemaType
    {
        if name.hasPrefix("__cedar::") {
            guard let builtin = Self.builtins[String(name.dropFirst("__cedar::".count))] else {
                throw .invalid("failed to resolve type: `\(name)`")
            }
            return builtin
        }
        let local = Self.qualify(name, in: namespace)
        if commonExprs[local] != nil { return try common(local, visiting: visiting) }
        if entityNames.contains(local) { return .entity(local) }
        if commonExprs[name] != nil { return try common(name, visiting: visiting) }
        if entityNames.contains(name) { return .entity(name) }
        if let builtin = Self.builtins[name], name != "Boolean" { return builtin }
        throw .invalid("failed to resolve type: `\(name)`")
    }
}
