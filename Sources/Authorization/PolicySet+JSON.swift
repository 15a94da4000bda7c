extension Policy {
    /// Reads one policy or template in Cedar's JSON policy format, under `id`.
    /// Throws `policy.json_invalid` for malformed JSON and `policy.est_invalid` for a malformed policy.
    public init(jsonText: String, id: String = "policy0") throws(CedarError) {
        self = try PolicyJSONReader.policy(try CedarJSONReader.read(Array(jsonText.utf8)), id: id)
    }

    /// The policy in Cedar's JSON policy format (compact, one line).
    public func jsonText() -> String { PolicyJSONWriter.policy(self).serialized() }
}

extension PolicySet {
    /// Reads a policy set in Cedar's JSON policy format:
    /// `{"staticPolicies": {id: policy}, "templates": {id: policy}, "templateLinks": [{"templateId", "newId",
    /// "values": {"?principal": entity}}]}`. Static policies come first in evaluation order, then links.
    /// Throws `policy.json_invalid`, `policy.est_invalid`, `policy.link_error` or `policy.duplicate_id`.
    public init(jsonText: String) throws(CedarError) {
        self = try PolicyJSONReader.policySet(try CedarJSONReader.read(Array(jsonText.utf8)))
    }

    /// The set (static policies, templates and links) in Cedar's JSON policy format (compact, one line).
    public func jsonText() -> String { PolicyJSONWriter.policySet(self).serialized() }
}
