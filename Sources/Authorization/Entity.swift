/// An entity: its identifier, attributes, direct parents and tags.
public struct Entity: Sendable {
    /// The entity's identifier.
    public let uid: EntityUID
    /// Attribute values by name.
    public let attributes: [String: CedarValue]
    /// Direct parents in the entity hierarchy (ancestors are derived by ``Entities``).
    public let parents: Set<EntityUID>
    /// Tag values by key, read with `getTag` / `hasTag`.
    public let tags: [String: CedarValue]
    /// Every ancestor (transitive closure of `parents`), filled in by ``Entities``.
    var ancestors: Set<EntityUID>

    /// Creates an entity.
    public init(
        uid: EntityUID,
        attributes: [String: CedarValue] = [:],
        parents: Set<EntityUID> = [],
        tags: [String: CedarValue] = [:]
    ) {
        self.uid = uid
        self.attributes = attributes
        self.parents = parents
        self.tags = tags
        self.ancestors = parents
    }
}
