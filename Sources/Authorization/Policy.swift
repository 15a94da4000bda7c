/// Whether a satisfied policy grants or denies.
public enum PolicyEffect: String, Hashable, Sendable {
    /// Grants the request unless some `forbid` is satisfied.
    case permit
    /// Denies the request, overriding every `permit`.
    case forbid
}

/// One parsed policy (or template) of a ``PolicySet``.
public struct Policy: Sendable {
    /// The policy id: `policyN` by position, unless the set was built with `@id` ids.
    public let id: String
    /// `permit` or `forbid`.
    public let effect: PolicyEffect
    /// Annotations in source order, e.g. `@id("p1")`; an annotation without a value maps to the empty string.
    public let annotations: [(key: String, value: String)]
    /// The keys of annotations written without a value (`@key`), printed back that way and as `null` in JSON.
    public let valuelessAnnotations: Set<String>
    /// Where the policy starts in the source text.
    public let position: SourcePosition
    /// True when the scope uses `?principal` or `?resource`; templates are not evaluated until linked.
    public var isTemplate: Bool { principal.usesSlot || resource.usesSlot }

    package let principal: ScopeConstraint
    package let action: ActionConstraint
    package let resource: ScopeConstraint
    /// `when` and `unless` clauses with their bodies as written, in source order.
    package let conditions: [Condition]
    /// For a template-linked policy, the id of the template it was linked from; nil otherwise.
    public internal(set) var templateID: String? = nil

    init(
        id: String,
        effect: PolicyEffect,
        annotations: [(key: String, value: String)],
        valuelessAnnotations: Set<String> = [],
        position: SourcePosition,
        scope: (principal: ScopeConstraint, action: ActionConstraint, resource: ScopeConstraint),
        conditions: [Condition],
        templateID: String? = nil
    ) {
        self.id = id
        self.effect = effect
        self.annotations = annotations
        self.valuelessAnnotations = valuelessAnnotations
        self.position = position
        (principal, action, resource) = scope
        self.conditions = conditions
        self.templateID = templateID
    }
}

/// A `when` or `unless` clause: the policy holds only when `body` evaluates to `isWhen`.
package struct Condition: Sendable {
    package let isWhen: Bool
    package let body: Expr
}

/// An entity reference in a scope: a literal entity or a template slot.
package enum ScopeTarget: Sendable {
    case entity(EntityUID)
    case slot(SlotID)
}

/// The `principal` or `resource` part of a policy scope.
package enum ScopeConstraint: Sendable {
    case any
    case equal(ScopeTarget)
    case `in`(ScopeTarget)
    case `is`(String)
    case isIn(String, ScopeTarget)

    package var usesSlot: Bool {
        switch self {
        case .equal(.slot), .in(.slot), .isIn(_, .slot): true
        default: false
        }
    }
}

/// The `action` part of a policy scope.
package enum ActionConstraint: Sendable {
    case any
    case equal(EntityUID)
    case `in`([EntityUID])
}
