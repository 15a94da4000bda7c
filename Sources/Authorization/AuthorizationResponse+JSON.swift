import AgentryCore

extension AuthorizationResponse {
    /// The response in the shape of Cedar's JSON interface:
    /// `{"decision": "allow"|"deny", "diagnostics": {"reason": [ids…], "errors": [{"policyId": id,
    /// "error": {"message": text}}]}}`, reasons sorted, errors in policy order.
    public var json: JSONValue {
        let errorList: [JSONValue] = errors.map { info in
            ["policyId": .string(info.policyID), "error": ["message": .string(info.error.message)]]
        }
        return [
            "decision": .string(decision.rawValue),
            "diagnostics": ["reason": .array(reasons.sorted().map(JSONValue.string)), "errors": .array(errorList)],
        ]
    }

    /// ``json`` as compact text with keys in a fixed order (decision, diagnostics, reason, errors).
    public func jsonText() -> String {
        let errorList: [CedarJSON] = errors.map { info in
            .object([
                ("policyId", .string(info.policyID)), ("error", .object([("message", .string(info.error.message))])),
            ])
        }
        let diagnostics = CedarJSON.object([
            ("reason", .array(reasons.sorted().map(CedarJSON.string))), ("errors", .array(errorList)),
        ])
        return CedarJSON.object([("decision", .string(decision.rawValue)), ("diagnostics", diagnostics)]).serialized()
    }
}
