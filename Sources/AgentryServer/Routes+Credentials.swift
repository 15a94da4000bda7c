import AgentryCore
import Foundation
import HTTP
import Vault

extension AgentryRoutes {
    /// The scope an end user needs to administer the tenant's credential providers.
    static let credentialsAdminScope = "credentials:admin"

    /// Credential-provider administration (per tenant, secrets write-only) and the workload operations that hand
    /// secrets out: `GetResourceApiKey` and `GetResourceOauth2Token`, also under AgentCore's paths
    /// `/identities/api-key` and `/identities/oauth2/token`. Every change is written to the audit log.
    static func addCredentials(_ router: inout Router, _ platform: Platform) {
        let base = "/identities/credential-providers"
        router.add("GET", base) { request in
            let (principal, access) = try await credentialsAdmin(request, platform)
            let providers = try platform.vault.list(tenant: principal.tenant).map { stored in
                ResourceCredentialProviderRequest.metadata(
                    stored,
                    allowedWorkloads: try access.workloads(tenant: principal.tenant, name: stored.name)
                )
            }
            return .json(["credentialProviders": .array(providers)])
        }
        router.add("PUT", base + "/:name") { request in
            try await auditedAdmin(request, platform, "PutCredentialProvider") { tenant, access in
                let name = try ResourceCredentialProviderRequest.name(request.pathParameters["name"])
                let definition = try ResourceCredentialProviderRequest.definition(
                    request.body,
                    reserved: Set((platform.config.oauthClients ?? []).map(\.id))
                )
                // The restriction is written first, so a failure in between never leaves the secret open to all.
                try access.set(tenant: tenant, name: name, workloads: definition.allowedWorkloads ?? [])
                try platform.vault.put(tenant: tenant, name: name, credential: definition.credential)
                try access.set(tenant: tenant, name: name, workloads: definition.allowedWorkloads)
                let stored = try platform.vault.list(tenant: tenant).first { $0.name == name }
                let body = stored.map {
                    ResourceCredentialProviderRequest.metadata($0, allowedWorkloads: definition.allowedWorkloads)
                }
                return ("credential-provider:" + name, .json(body ?? ["name": .string(name)]))
            }
        }
        router.add("DELETE", base + "/:name") { request in
            try await auditedAdmin(request, platform, "DeleteCredentialProvider") { tenant, access in
                let name = try ResourceCredentialProviderRequest.name(request.pathParameters["name"])
                try platform.vault.delete(tenant: tenant, name: name)
                try access.remove(tenant: tenant, name: name)
                return ("credential-provider:" + name, HTTPResponse(status: 204))
            }
        }
        router.add("POST", base + "/rotate-key") { request in
            try await auditedAdmin(request, platform, "RotateCredentialKey") { tenant, _ in
                let version = try platform.vault.rotateDataKey(tenant: tenant)
                return ("credential-providers", .json(["keyVersion": .number(Double(version))]))
            }
        }
        for (path, operation) in ResourceCredentialEndpoint.Operation.routes {
            router.add("POST", path) { request in
                await ResourceCredentialEndpoint(platform: platform).handle(request, operation)
            }
        }
    }

    /// Runs an administrator's change and records it (allowed or failed, never the secret) in the audit log.
    /// `change` returns the resource it touched and the response.
    private static func auditedAdmin(
        _ request: HTTPRequest,
        _ platform: Platform,
        _ action: String,
        _ change: (String, ResourceCredentialAccess) throws -> (String, HTTPResponse)
    ) async throws -> HTTPResponse {
        let (principal, access) = try await credentialsAdmin(request, platform)
        let named = request.pathParameters["name"].map { "credential-provider:" + $0 } ?? "credential-providers"
        do {
            let (resource, response) = try change(principal.tenant, access)
            platform.audit.record(
                tenant: principal.tenant,
                requestID: request.requestID,
                principal: principal.entityID,
                action: action,
                resource: resource,
                outcome: "allow"
            )
            return response
        } catch {
            let code = (error as? any AgentryError)?.code ?? "internal"
            platform.audit.record(
                tenant: principal.tenant,
                requestID: request.requestID,
                principal: principal.entityID,
                action: action,
                resource: String(named.prefix(160)),
                outcome: "failed",
                code: code
            )
            throw error
        }
    }

    /// The caller (an end user, not a workload, holding `credentials:admin`) and the tenant's access lists.
    private static func credentialsAdmin(
        _ request: HTTPRequest,
        _ platform: Platform
    ) async throws -> (Principal, ResourceCredentialAccess) {
        let principal = try await platform.identity.principal(for: request)
        guard !principal.isDelegated else { throw AccessError.userRequired }
        guard principal.scopes.contains(credentialsAdminScope) else {
            throw CodedError(
                "auth.credentials_admin_required",
                "this operation needs the `credentials:admin` scope",
                status: 403
            )
        }
        return (principal, try ResourceCredentialAccess(database: platform.vault.database))
    }
}
