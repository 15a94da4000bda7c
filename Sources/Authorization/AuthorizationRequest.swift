import AgentryCore

/// What is being asked: may `principal` perform `action` on `resource`, given `context`?
public struct AuthorizationRequest: Sendable {
    /// Who is acting.
    public let principal: EntityUID
    /// What they want to do, conventionally `Action::"name"`.
    public let action: EntityUID
    /// What they act on.
    public let resource: EntityUID
    /// Request facts (time, source address, tool arguments, …), read as `context.name` in policies.
    public let context: [String: CedarValue]

    /// Creates a request with an already-typed context.
    public init(
        principal: EntityUID,
        action: EntityUID,
        resource: EntityUID,
        context: [String: CedarValue] = [:]
    ) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.context = context
    }

    /// Creates a request whose context is a JSON object, converted as ``CedarValue/init(json:)`` does.
    /// Throws `policy.request_invalid` when the context is not an object or holds non-Cedar values.
    public init(principal: EntityUID, action: EntityUID, resource: EntityUID, context: JSONValue) throws(CedarError) {
        try self.init(principal: principal, action: action, resource: resource, contextJSON: CedarJSON(context))
    }

    /// Creates a request whose context is JSON text, keeping 64-bit integers exact.
    public init(principal: EntityUID, action: EntityUID, resource: EntityUID, contextText: String) throws(CedarError) {
        let json: CedarJSON
        do {
            json = try CedarJSONReader.read(Array(contextText.utf8))
        } catch {
            throw .request("context is not valid JSON")
        }
        try self.init(principal: principal, action: action, resource: resource, contextJSON: json)
    }

    init(principal: EntityUID, action: EntityUID, resource: EntityUID, contextJSON: CedarJSON) throws(CedarError) {
        guard case .object = contextJSON,
            case .record(let record) = try CedarValue(cedarJSON: contextJSON, context: "context")
        else { throw .request("context must be a JSON object") }
        self.init(principal: principal, action: action, resource: resource, context: record)
    }
}
