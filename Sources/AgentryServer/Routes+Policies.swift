import AgentryCore
import Foundation
import HTTP
import PolicyStore

extension AgentryRoutes {
    /// The scope a tenant's policy administrator must hold (an end-user token, not an agent's).
    static let policyAdminScope = "policy:admin"

    /// A tenant's own policy layer: read, publish, roll back, log-only candidates, mode, audit and decision log.
    ///
    /// The tenant is always the verified token's; no route takes a tenant id, so no request can name another
    /// tenant's store. Platform policies are edited through the deployment's policy file or `agentry policy`.
    static func addPolicies(_ router: inout Router, _ platform: Platform) {
        let admin = platform.policyStore.administration
        router.add("GET", "/admin/policies") { request in
            try await policyRoute(request, platform) { caller in
                let status = try admin.status(for: caller)
                let current = try admin.current(for: caller)
                return ["status": status.json, "active": current?.json ?? .null]
            }
        }
        router.add("PUT", "/admin/policies") { request in
            try await policyRoute(request, platform) { caller in
                try admin.publish(try PublishRequest(json: try JSONValue.parse(request.body)), by: caller).json
            }
        }
        router.add("GET", "/admin/policies/versions") { request in
            try await policyRoute(request, platform) { caller in
                .object(["versions": .array(try admin.versions(for: caller).map(\.json))])
            }
        }
        router.add("GET", "/admin/policies/versions/:number") { request in
            try await policyRoute(request, platform) { caller in
                guard let number = Int(request.pathParameters["number"] ?? "") else {
                    throw PolicyStoreError.badRequest("the version must be a number")
                }
                return try admin.version(number, for: caller).json
            }
        }
        router.add("POST", "/admin/policies/rollback") { request in
            try await policyRoute(request, platform) { caller in
                try admin.rollback(try RollbackRequest(json: try JSONValue.parse(request.body)), by: caller).json
            }
        }
        addPolicyRollout(&router, platform)
        addPolicyLogs(&router, platform)
    }

    /// Log-only candidates and the tenant layer's enforcement mode.
    private static func addPolicyRollout(_ router: inout Router, _ platform: Platform) {
        let admin = platform.policyStore.administration
        router.add("POST", "/admin/policies/candidate") { request in
            try await policyRoute(request, platform) { caller in
                let body = try PublishRequest(json: try JSONValue.parse(request.body))
                return try admin.proposeCandidate(body, by: caller).json
            }
        }
        router.add("POST", "/admin/policies/candidate/promote") { request in
            try await policyRoute(request, platform) { caller in
                try admin.promote(try CandidateRequest(json: try bodyOrEmpty(request)), by: caller).json
            }
        }
        router.add("POST", "/admin/policies/candidate/discard") { request in
            try await policyRoute(request, platform) { caller in
                try admin.discard(try CandidateRequest(json: try bodyOrEmpty(request)), by: caller).json
            }
        }
        router.add("PUT", "/admin/policies/mode") { request in
            try await policyRoute(request, platform) { caller in
                try admin.setMode(try ModeRequest(json: try JSONValue.parse(request.body)), by: caller).json
            }
        }
    }

    /// The audit of changes and the decision log of log-only evaluations.
    private static func addPolicyLogs(_ router: inout Router, _ platform: Platform) {
        let admin = platform.policyStore.administration
        router.add("GET", "/admin/policies/audit") { request in
            try await policyRoute(request, platform) { caller in
                let entries = try admin.audit(try LogQuery(parameters: request.query), for: caller)
                return .object(["entries": .array(entries.map(\.json))])
            }
        }
        router.add("GET", "/admin/policies/decisions") { request in
            try await policyRoute(request, platform) { caller in
                let records = try admin.decisions(try LogQuery(parameters: request.query), for: caller)
                return .object(["decisions": .array(records.map(\.json))])
            }
        }
    }

    /// Authenticates a tenant policy administrator and answers with the body `work` builds.
    ///
    /// A store error keeps its findings in the body (`{"error": {"code", "message", "findings"}}`). A caller who
    /// may not administer policies is refused before the store is touched, and the refusal goes to the security
    /// audit log (the store's own audit records every attempt of an administrator).
    private static func policyRoute(
        _ request: HTTPRequest,
        _ platform: Platform,
        _ work: (PolicyCaller) throws -> JSONValue
    ) async throws -> HTTPResponse {
        let principal = try await platform.identity.principal(for: request)
        let refusal: CodedError? =
            principal.isDelegated
            ? AccessError.userRequired
            : principal.scopes.contains(policyAdminScope) ? nil : AccessError.policyAdminRequired
        if let refusal {
            platform.audit.record(
                tenant: principal.tenant,
                requestID: request.requestID,
                principal: principal.entityID,
                action: "AdministerPolicies",
                resource: request.method + " " + request.path,
                outcome: "deny",
                code: refusal.code
            )
            throw refusal
        }
        do {
            let caller = try PolicyCaller.tenantAdmin(tenant: principal.tenant, actor: principal.user)
            return .json(try work(caller))
        } catch let error as PolicyStoreError {
            return .json(error.json, status: error.status)
        }
    }

    /// The JSON body, or `{}` when the request has none.
    private static func bodyOrEmpty(_ request: HTTPRequest) throws -> JSONValue {
        request.body.isEmpty ? .object([:]) : try JSONValue.parse(request.body)
    }
}
