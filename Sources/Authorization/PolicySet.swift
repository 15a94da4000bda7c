/// A parsed set of Cedar policies, ready to evaluate many times.
public struct PolicySet: Sendable {
    /// Every policy and template, in source order.
    public let policies: [Policy]
    /// Static (non-template) policies, the ones the authorizer evaluates.
    package let active: [Policy]

    /// Parses policy text. Ids are `policy0`, `policy1`, … in order of appearance, as Cedar assigns them; with
    /// `idAnnotations` a policy's `@id("…")` annotation is used instead when present.
    /// Throws ``CedarError`` `policy.parse_error` with a `line:column` position.
    public init(text: String, idAnnotations: Bool = false) throws(CedarError) {
        var parser = try Parser(text: text)
        var parsed = try parser.policies()
        if idAnnotations {
            parsed = parsed.map { policy in
                guard let custom = policy.annotations.first(where: { $0.key == "id" })?.value else { return policy }
                return Policy(
                    id: custom,
                    effect: policy.effect,
                    annotations: policy.annotations,
                    position: policy.position,
                    principal: policy.principal,
                    action: policy.action,
                    resource: policy.resource,
                    conditions: policy.conditions
                )
            }
        }
        var seen: Set<String> = []
        for policy in parsed where !seen.insert(policy.id).inserted {
            throw CedarError(parseError: "duplicate policy id `\(policy.id)`", at: policy.position)
        }
        policies = parsed
        active = parsed.filter { !$0.isTemplate }
    }

    /// The ids of all policies and templates, in source order.
    public var policyIDs: [String] { policies.map(\.id) }

    /// The policy with `id`, if any.
    public func policy(id: String) -> Policy? { policies.first { $0.id == id } }
}
