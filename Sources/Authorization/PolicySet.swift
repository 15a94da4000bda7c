/// A parsed set of Cedar policies, templates and template links, ready to evaluate many times.
///
/// Evaluation order (and the order of reported errors) is: static policies in source order, then linked
/// policies in the order they were linked.
public struct PolicySet: Sendable {
    /// Every static policy and template, in source order (template-linked policies are in ``linkedPolicies``).
    public private(set) var policies: [Policy]
    /// The template links, in the order they were made.
    public private(set) var links: [TemplateLink] = []
    /// Static policies and linked policies: the ones the authorizer evaluates.
    package private(set) var active: [Policy] = []
    /// Buckets `active` by scope so that most policies are skipped without evaluation.
    private(set) var index = PolicyIndex(policies: [])

    /// Parses policy text. Ids are `policy0`, `policy1`, … in order of appearance, as Cedar assigns them; with
    /// `idAnnotations` a policy's `@id("…")` annotation is used instead when present.
    /// Throws ``CedarError`` `policy.parse_error` with a `line:column` position.
    public init(text: String, idAnnotations: Bool = false) throws(CedarError) {
        var parser = try Parser(text: text)
        var parsed = try parser.policies()
        if idAnnotations {
            for position in parsed.indices {
                guard let custom = parsed[position].annotations.first(where: { $0.key == "id" })?.value else {
                    continue
                }
                parsed[position] = parsed[position].renamed(custom)
            }
        }
        var seen: Set<String> = []
        for policy in parsed where !seen.insert(policy.id).inserted {
            throw CedarError(parseError: "duplicate policy id `\(policy.id)`", at: policy.position)
        }
        policies = parsed
        rebuild()
    }

    /// Builds a set from already-parsed policies and templates plus links; throws `policy.link_error` when a
    /// link is invalid and `policy.duplicate_id` when two policies share an id.
    package init(policies: [Policy], links: [TemplateLink] = []) throws(CedarError) {
        var seen: Set<String> = []
        for policy in policies where !seen.insert(policy.id).inserted {
            throw .duplicateID(policy.id)
        }
        self.policies = policies
        rebuild()
        for link in links { try self.link(templateID: link.templateID, newID: link.policyID, values: link.values) }
    }

    /// The deepest expression a policy may hold, in either format: deeper ones are refused when read
    /// (`policy.parse_error` for text, `policy.est_invalid` for JSON). See ``Parser/maximumDepth``.
    public static var maximumExpressionDepth: Int { Parser.maximumDepth }

    /// An empty set.
    public init() {
        policies = []
    }

    /// The ids of all static policies, templates and linked policies (in that order).
    public var policyIDs: [String] { policies.map(\.id) + links.map(\.policyID) }

    /// The static policies and templates, in source order.
    public var templates: [Policy] { policies.filter(\.isTemplate) }

    /// The template-linked policies with their slots filled in, in link order.
    public var linkedPolicies: [Policy] { active.filter { $0.templateID != nil } }

    /// The policy, template or linked policy with `id`, if any.
    public func policy(id: String) -> Policy? {
        policies.first { $0.id == id } ?? active.first { $0.id == id }
    }

    /// Recomputes the evaluated list and its index after a change.
    mutating func rebuild() {
        let statics = policies.filter { !$0.isTemplate }
        var linked: [Policy] = []
        for link in links {
            guard let template = policies.first(where: { $0.id == link.templateID }) else { continue }
            linked.append(template.linked(id: link.policyID, values: link.values))
        }
        active = statics + linked
        index = PolicyIndex(policies: active)
    }

    /// Appends a link after validation by the caller.
    mutating func appendLink(_ link: TemplateLink) {
        links.append(link)
        rebuild()
    }

    /// Removes the link at `position`.
    mutating func removeLink(at position: Int) {
        links.remove(at: position)
        rebuild()
    }

    /// Removes a template that has no links.
    mutating func removePolicy(at position: Int) {
        policies.remove(at: position)
        rebuild()
    }
}
