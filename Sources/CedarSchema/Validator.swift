import Authorization

/// Cedar's strict-mode policy validator: every policy is typechecked against each request environment
/// (principal type, action, resource type) the schema allows, after checks that its entity types and actions
/// exist and that its scope matches at least one action.
public struct Validator: Sendable {
    /// The schema policies are checked against.
    public let schema: Schema

    /// Creates a validator for `schema`.
    public init(schema: Schema) {
        self.schema = schema
    }

    /// Validates every static policy, template and template-linked policy of the set.
    public func validate(_ policies: PolicySet) -> ValidationResult {
        var findings: [ValidationFinding] = []
        for policy in policies.policies + policies.linkedPolicies {
            findings += validate(policy)
        }
        return ValidationResult(findings: findings)
    }

    /// Validates one policy or template.
    public func validate(_ policy: Policy) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        func add(_ code: String, _ message: String, warning: Bool = false) {
            let finding = ValidationFinding(policyID: policy.id, code: code, message: message, isWarning: warning)
            if !findings.contains(finding) { findings.append(finding) }
        }

        // Names first: every entity type, action and enumerated id the policy mentions must be declared.
        for (code, message) in PolicyNames(schema: schema).problems(in: policy) { add(code, message) }

        // The scope must leave at least one request environment.
        let environments = self.environments(for: policy)
        if environments.isEmpty {
            add(
                "validation.invalid_action_application",
                "unable to find an applicable action given the policy scope constraints"
            )
        }

        // Typecheck the whole condition (scope conjoined with the clauses) in each environment.
        let condition = PolicyCondition.expression(policy)
        var alwaysFalse = true
        for env in environments {
            var checker = TypeChecker(schema: schema, env: env)
            let typed = checker.expectBool(condition, [])
            for message in checker.errors { add(Self.code(for: message), message) }
            if typed?.type != .alwaysFalse { alwaysFalse = false }
        }
        if !environments.isEmpty, alwaysFalse, findings.isEmpty {
            add(
                "validation.impossible_policy",
                "policy is impossible: the policy expression evaluates to false for all valid requests",
                warning: true
            )
        }
        return findings
    }

    /// Every (principal type, action, resource type) the schema allows whose types the scope can match.
    func environments(for policy: Policy) -> [RequestEnvironment] {
        let scope = ScopeMatcher(schema: schema)
        var result: [RequestEnvironment] = []
        for uid in schema.actions.keys.sorted(by: { $0.description < $1.description }) {
            guard let action = schema.actions[uid], scope.matches(policy.action, uid) else { continue }
            for principal in action.principalTypes where scope.matches(policy.principal, type: principal) {
                for resource in action.resourceTypes where scope.matches(policy.resource, type: resource) {
                    result.append(
                        RequestEnvironment(
                            principal: principal,
                            action: uid,
                            resource: resource,
                            context: action.context
                        )
                    )
                }
            }
        }
        return result
    }

    private static func code(for message: String) -> String {
        let prefixes: [(String, String)] = [
            ("empty set", "validation.empty_set_forbidden"),
            ("unable to guarantee safety", "validation.unsafe_access"),
            ("attribute", "validation.attribute_not_found"),
            ("wrong number", "validation.wrong_arity"),
            ("extension constructors", "validation.non_literal_extension"),
            ("error during extension", "validation.extension_argument"),
            ("the types", "validation.incompatible_types"),
        ]
        return prefixes.first { message.hasPrefix($0.0) }?.1 ?? "validation.unexpected_type"
    }
}
