/// A template linked under its own policy id, with a value for each of the template's slots.
public struct TemplateLink: Hashable, Sendable {
    /// The template's id.
    public let templateID: String
    /// The id of the linked policy, reported in decisions.
    public let policyID: String
    /// The entity bound to each slot.
    public let values: [SlotID: EntityUID]

    /// Creates a link description.
    public init(templateID: String, policyID: String, values: [SlotID: EntityUID]) {
        self.templateID = templateID
        self.policyID = policyID
        self.values = values
    }
}

extension PolicySet {
    /// Links template `templateID` under the new id `newID`, binding each slot the template uses.
    ///
    /// Throws `policy.link_error` when no template has that id, when the id names a static policy, when a slot
    /// is left unbound or a value names a slot the template does not use, and when `newID` is already taken.
    public mutating func link(templateID: String, newID: String, values: [SlotID: EntityUID]) throws(CedarError) {
        guard let template = policies.first(where: { $0.id == templateID }) else {
            throw .link("failed to find a template with id `\(templateID)`")
        }
        guard template.isTemplate else {
            throw .link("unable to link `\(templateID)`: expected a template, but a static policy was provided")
        }
        let used = template.slots
        let unbound = used.subtracting(values.keys).map(\.rawValue).sorted()
        let extra = Set(values.keys).subtracting(used).map(\.rawValue).sorted()
        if !unbound.isEmpty {
            throw .link("the following slots were not provided as arguments: \(unbound.joined(separator: ", "))")
        }
        if !extra.isEmpty {
            throw .link(
                "the following slots were provided as arguments, but did not exist in the template: "
                    + extra.joined(separator: ", ")
            )
        }
        guard policy(id: newID) == nil else {
            throw .link("template-linked policy id `\(newID)` conflicts with an existing policy id")
        }
        appendLink(TemplateLink(templateID: templateID, policyID: newID, values: values))
    }

    /// Removes the linked policy `id`; the template stays. Throws `policy.link_error` when `id` is not a link.
    public mutating func unlink(id: String) throws(CedarError) {
        guard let position = links.firstIndex(where: { $0.policyID == id }) else {
            if policy(id: id) != nil {
                throw .link("unable to unlink `\(id)`: expected a linked policy, but a static policy was provided")
            }
            throw .link("unable to unlink policy id `\(id)` because it does not exist")
        }
        removeLink(at: position)
    }

    /// Removes the template `id`. Throws `policy.link_error` when it does not exist, is not a template, or still
    /// has links.
    public mutating func removeTemplate(id: String) throws(CedarError) {
        guard let position = policies.firstIndex(where: { $0.id == id }), policies[position].isTemplate else {
            throw .link("unable to remove template `\(id)` because it does not exist")
        }
        guard !links.contains(where: { $0.templateID == id }) else {
            throw .link("unable to remove template `\(id)` because it has active links")
        }
        removePolicy(at: position)
    }
}

extension Policy {
    /// The slots the scope uses.
    package var slots: Set<SlotID> {
        var result: Set<SlotID> = []
        if principal.usesSlot { result.insert(.principal) }
        if resource.usesSlot { result.insert(.resource) }
        return result
    }

    /// The same policy under another id.
    func renamed(_ newID: String) -> Policy {
        Policy(
            id: newID,
            effect: effect,
            annotations: annotations,
            valuelessAnnotations: valuelessAnnotations,
            position: position,
            scope: (principal, action, resource),
            conditions: conditions,
            templateID: templateID
        )
    }

    /// This template with its slots replaced by `values`, under `id`.
    func linked(id: String, values: [SlotID: EntityUID]) -> Policy {
        Policy(
            id: id,
            effect: effect,
            annotations: annotations,
            valuelessAnnotations: valuelessAnnotations,
            position: position,
            scope: (principal.substituting(values), action, resource.substituting(values)),
            conditions: conditions,
            templateID: self.id
        )
    }
}

extension ScopeConstraint {
    /// The constraint with a slot target replaced by its bound entity (unbound slots stay).
    func substituting(_ values: [SlotID: EntityUID]) -> ScopeConstraint {
        func target(_ target: ScopeTarget) -> ScopeTarget {
            guard case .slot(let slot) = target, let uid = values[slot] else { return target }
            return .entity(uid)
        }
        switch self {
        case .any, .is: return self
        case .equal(let value): return .equal(target(value))
        case .in(let value): return .in(target(value))
        case .isIn(let type, let value): return .isIn(type, target(value))
        }
    }
}
