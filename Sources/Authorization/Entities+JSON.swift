import AgentryCore

extension Entities {
    /// Reads Cedar's entity JSON: `[{"uid": {"type", "id"}, "attrs": {…}, "parents": […], "tags": {…}}]`.
    ///
    /// Numbers in a `JSONValue` are doubles, exact only up to 2⁵³; use ``init(jsonText:)`` for full `long`
    /// range. Throws `policy.entities_invalid`.
    public init(json: JSONValue) throws(CedarError) {
        try self.init(cedarJSON: CedarJSON(json))
    }

    /// Reads Cedar's entity JSON from text, keeping 64-bit integers exact.
    public init(jsonText: String) throws(CedarError) {
        try self.init(cedarJSON: try CedarJSONReader.read(Array(jsonText.utf8)))
    }

    package init(cedarJSON json: CedarJSON) throws(CedarError) {
        guard case .array(let items) = json else { throw .entities("entities must be a JSON array") }
        var list: [Entity] = []
        var seen: Set<EntityUID> = []
        for item in items {
            let entity = try Entities.entity(from: item)
            guard seen.insert(entity.uid).inserted else {
                throw .entities("duplicate entity entry of type `\(entity.uid.type)`")
            }
            list.append(entity)
        }
        self.init(list)
        if let member = cycleMember {
            throw .entities("entity hierarchy has a cycle containing an entity of type `\(member.type)`")
        }
    }

    private static func entity(from json: CedarJSON) throws(CedarError) -> Entity {
        guard json.members != nil, let uidJSON = json["uid"] else { throw .entities("entity without `uid`") }
        let uid: EntityUID
        do {
            uid = try EntityUID(cedarJSON: uidJSON, context: "entity uid")
        } catch {
            throw .entities(error.message)
        }
        do {
            return Entity(
                uid: uid,
                attributes: try record(json["attrs"], "attributes"),
                parents: try parents(json["parents"]),
                tags: try record(json["tags"], "tags")
            )
        } catch {
            throw .entities(error.message)
        }
    }

    private static func record(_ json: CedarJSON?, _ what: String) throws(CedarError) -> [String: CedarValue] {
        guard let json else { return [:] }
        guard case .object = json, case .record(let record) = try CedarValue(cedarJSON: json, context: "entity \(what)")
        else {
            throw .entities("entity \(what) must be a JSON object")
        }
        return record
    }

    private static func parents(_ json: CedarJSON?) throws(CedarError) -> Set<EntityUID> {
        guard let json else { return [] }
        guard case .array(let items) = json else { throw .entities("entity parents must be a JSON array") }
        var parents: Set<EntityUID> = []
        for item in items { parents.insert(try EntityUID(cedarJSON: item, context: "entity parents")) }
        return parents
    }
}
