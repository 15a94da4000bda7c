/// An immutable entity store with the hierarchy's transitive closure computed once, at construction.
public struct Entities: Sendable {
    private let byUID: [EntityUID: Entity]
    /// An entity that is its own ancestor, when the parent graph has a cycle.
    package let cycleMember: EntityUID?

    /// Builds a store; later duplicates of a uid replace earlier ones (the JSON reader rejects duplicates).
    /// Cycles in the parent graph are tolerated here (see ``cycleMember``); the JSON readers reject them, as
    /// Cedar does.
    public init(_ entities: [Entity]) {
        var byUID = [EntityUID: Entity](minimumCapacity: entities.count)
        for entity in entities { byUID[entity.uid] = entity }
        self.byUID = Entities.closure(byUID)
        // A cycle always leaves its first-visited member among its own ancestors.
        cycleMember = self.byUID.values.first { $0.ancestors.contains($0.uid) }?.uid
    }

    /// An empty store.
    public static let empty = Entities([])

    /// The number of entities.
    public var count: Int { byUID.count }

    /// Looks up an entity.
    public subscript(uid: EntityUID) -> Entity? { byUID[uid] }

    /// True when `child == ancestor` or `ancestor` is reachable through parents from `child`.
    public func isDescendant(_ child: EntityUID, of ancestor: EntityUID) -> Bool {
        child == ancestor || (byUID[child]?.ancestors.contains(ancestor) ?? false)
    }

    /// Calls `body` with each ancestor of `uid` (not `uid` itself), in no particular order.
    func forEachAncestor(of uid: EntityUID, _ body: (EntityUID) -> Void) {
        guard let ancestors = byUID[uid]?.ancestors else { return }
        for ancestor in ancestors { body(ancestor) }
    }

    /// Computes every entity's ancestor set with a memoised depth-first walk (cycles are tolerated).
    private static func closure(_ input: [EntityUID: Entity]) -> [EntityUID: Entity] {
        var done: [EntityUID: Set<EntityUID>] = [:]
        var visiting: Set<EntityUID> = []
        func ancestors(of uid: EntityUID) -> Set<EntityUID> {
            if let known = done[uid] { return known }
            guard let entity = input[uid], visiting.insert(uid).inserted else { return [] }
            var result = entity.parents
            for parent in entity.parents { result.formUnion(ancestors(of: parent)) }
            visiting.remove(uid)
            done[uid] = result
            return result
        }
        var output = input
        for uid in input.keys { output[uid]?.ancestors = ancestors(of: uid) }
        return output
    }
}
