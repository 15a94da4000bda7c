import AgentryCore
import Authorization

extension Schema {
    /// Reads a request's context JSON with the context type the schema declares for `action`: extension strings
    /// and entity references are converted, and the record must match. Throws `schema.request_invalid`.
    public func context(jsonText: String, for action: EntityUID) throws(SchemaError) -> [String: CedarValue] {
        let json: CedarJSON
        do {
            json = try CedarJSONReader.read(Array(jsonText.utf8))
        } catch {
            throw .request("context is not valid JSON")
        }
        return try context(cedarJSON: json, for: action)
    }

    /// Reads a context from a `JSONValue`; see ``context(jsonText:for:)``.
    public func context(json: JSONValue, for action: EntityUID) throws(SchemaError) -> [String: CedarValue] {
        try context(cedarJSON: CedarJSON(json), for: action)
    }

    /// Reads an already-parsed context; see ``context(jsonText:for:)``.
    package func context(cedarJSON json: CedarJSON, for action: EntityUID) throws(SchemaError) -> [String: CedarValue] {
        guard let definition = actions[action] else {
            throw .request("request's action `\(action)` is not declared in the schema")
        }
        guard let members = json.members else { throw .request("context must be a JSON object") }
        do {
            return try SchemaDataParser(schema: self).record(members, as: definition.context, at: "context")
        } catch {
            throw .request(error.message)
        }
    }

    /// Checks a request as Cedar's request validation does: the action is declared, the principal and resource
    /// types are among those it applies to, and the context matches its context type. Throws
    /// `schema.request_invalid`.
    public func validateRequest(_ request: AuthorizationRequest) throws(SchemaError) {
        guard let definition = actions[request.action] else {
            throw .request("request's action `\(request.action)` is not declared in the schema")
        }
        guard definition.principalTypes.contains(request.principal.type) else {
            throw .request(
                "principal type `\(request.principal.type)` is not valid for `\(request.action)`"
            )
        }
        guard definition.resourceTypes.contains(request.resource.type) else {
            throw .request("resource type `\(request.resource.type)` is not valid for `\(request.action)`")
        }
        try checkEnum(request.principal)
        try checkEnum(request.resource)
        guard SchemaValueChecker(schema: self).conforms(.record(request.context), to: .record(definition.context))
        else {
            throw .request("context is not valid for `\(request.action)`")
        }
    }

    private func checkEnum(_ uid: EntityUID) throws(SchemaError) {
        if let choices = entityTypes[uid.type]?.enumChoices, !choices.contains(uid.id) {
            throw .request("entity `\(uid)` is not one of the enumerated ids of `\(uid.type)`")
        }
    }
}
