/// Prints policies as canonical Cedar text, in the layout of `cedar format`: annotations one per line, the scope
/// with one variable per line indented by two spaces, each `when`/`unless` clause on its own line.
///
/// Comments are not kept in the parsed form, so they are dropped. Expressions are printed as written: constants
/// the parser computed ahead (extension calls, sets of literals) keep their source form, and `e is T in x` stays
/// one relation; only `e has a.b` comes back expanded (`e has a && e.a has b`), which evaluates identically.
enum CedarFormatter {
    /// One policy or template.
    static func format(_ policy: Policy) -> String {
        var lines: [String] = []
        for annotation in policy.annotations {
            if policy.valuelessAnnotations.contains(annotation.key) {
                lines.append("@\(annotation.key)")
            } else {
                lines.append("@\(annotation.key)(\"\(EntityUID.escape(annotation.value))\")")
            }
        }
        lines.append("\(policy.effect.rawValue) (")
        lines.append("  " + scope("principal", policy.principal) + ",")
        lines.append("  " + action(policy.action) + ",")
        lines.append("  " + scope("resource", policy.resource))
        lines.append(")")
        for condition in policy.conditions {
            lines.append("\(condition.isWhen ? "when" : "unless") { \(ExprFormatter.format(condition.body)) }")
        }
        lines[lines.count - 1] += ";"
        return lines.joined(separator: "\n")
    }

    private static func scope(_ variable: String, _ constraint: ScopeConstraint) -> String {
        switch constraint {
        case .any: variable
        case .equal(let target): "\(variable) == \(Self.target(target))"
        case .in(let target): "\(variable) in \(Self.target(target))"
        case .is(let type): "\(variable) is \(type)"
        case .isIn(let type, let target): "\(variable) is \(type) in \(Self.target(target))"
        }
    }

    private static func target(_ target: ScopeTarget) -> String {
        switch target {
        case .entity(let uid): uid.description
        case .slot(let slot): slot.rawValue
        }
    }

    private static func action(_ constraint: ActionConstraint) -> String {
        switch constraint {
        case .any: "action"
        case .equal(let uid): "action == \(uid)"
        case .in(let uids) where uids.count == 1: "action in \(uids[0])"
        case .in(let uids): "action in [\(uids.map(\.description).joined(separator: ", "))]"
        }
    }
}

extension Policy {
    /// The policy as canonical Cedar text (see ``PolicySet/formatted()``), ending in `;`.
    public func formatted() -> String { CedarFormatter.format(self) }
}

extension PolicySet {
    /// Static policies and templates as canonical Cedar text, in source order, separated by blank lines, the way
    /// `cedar format` prints them. Comments are dropped. Template links have no text form and are not included
    /// (use ``jsonText()`` to keep them). Parsing the result gives the same policies under the same ids.
    public func formatted() -> String {
        policies.map(CedarFormatter.format).joined(separator: "\n\n") + (policies.isEmpty ? "" : "\n")
    }
}
