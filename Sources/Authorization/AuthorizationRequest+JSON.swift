import AgentryCore

extension AuthorizationRequest {
    /// Reads a request in Cedar's JSON form:
    /// `{"principal": …, "action": …, "resource": …, "context": {…}}`, where each entity is
    /// `{"type": …, "id": …}`, `{"__entity": {…}}` or the literal text `Type::"id"`; `context` is optional.
    /// Integers keep their full 64-bit range. Throws `policy.request_invalid` or `policy.json_invalid`.
    public init(jsonText: String) throws(CedarError) {
        try self.init(requestJSON: try CedarJSONReader.read(Array(jsonText.utf8)))
    }

    /// Reads a request from a `JSONValue` (numbers exact up to 2⁵³); see ``init(jsonText:)``.
    public init(json: JSONValue) throws(CedarError) {
        try self.init(requestJSON: CedarJSON(json))
    }

    package init(requestJSON json: CedarJSON) throws(CedarError) {
        guard json.members != nil else { throw .request("a request must be a JSON object") }
        try self.init(
            principal: try AuthorizationRequest.entity(json["principal"], "principal"),
            action: try AuthorizationRequest.entity(json["action"], "action"),
            resource: try AuthorizationRequest.entity(json["resource"], "resource"),
            contextJSON: json["context"] ?? .object([])
        )
    }

    private static func entity(_ json: CedarJSON?, _ name: String) throws(CedarError) -> EntityUID {
        guard let json else { throw .request("the request has no `\(name)`") }
        if let text = json.string {
            guard let uid = EntityUID(literal: text) else {
                throw .request("`\(name)` is not an entity literal of the form `Type::\"id\"`")
            }
            return uid
        }
        return try EntityUID(cedarJSON: json, context: name)
    }
}

extension EntityUID {
    /// Parses the Cedar literal form `Namespace::Type::"id"`; nil when the text is anything else.
    public init?(literal text: String) {
        guard var parser = try? Parser(text: text), let uid = try? parser.entityLiteral(),
            parser.current.kind == .end
        else { return nil }
        self = uid
    }
}
