import AgentryCore
import Foundation
import HTTP
import Vault

extension AgentryRoutes {
    /// The scope an end user needs to administer the tenant's credential providers.
    static let credentialsAdminScope = "credentials:admin"

    /// Credential-provider administration (per tenant, secrets write-only) and the workload operations that hand
    /// secrets out: `GetResourceApiKey` and `GetResourceOauth2Token`, also under AgentCore's paths
    /// `/identities/api-key` and `/identities/oauth2/token`.
    static func addCredentials(_ router: inout Router, _ platform: Platform) {
        let base = "/identities/credential-providers"
        router.add("GET", base) { request in
            let tenant = try await credentialsAdmin(request, platform)
            let providers = try platform.vault.list(tenant: tenant).map(ResourceCredentialProviderRequest.metadata)
            return .json(["credentialProviders": .array(providers)])
        }
        router.add("PUT", base + "/:name") { request in
            let tenant = try await credentialsAdmin(request, platform)
            let name = try ResourceCredentialProviderRequest.name(request.pathParameters["name"])
            let credential = try ResourceCredentialProviderRequest.credential(request.body)
            try platform.vault.put(tenant: tenant, name: name, credential: credential)
            let stored = try platform.vault.list(tenant: tenant).first { $0.name == name }
            return .json(stored.map(ResourceCredentialProviderRequest.metadata) ?? ["name": .string(name)])
        }
        router.add("DELETE", base + "/:name") { request in
            let tenant = try await credentialsAdmin(request, platform)
            let name = try ResourceCredentialProviderRequest.name(request.pathParameters["name"])
            try platform.vault.delete(tenant: tenant, name: name)
            return HTTPResponse(status: 204)
        }
        router.add("POST", base + "/rotate-key") { request in
            let tenant = try await credentialsAdmin(request, platform)
            let version = try platform.vault.rotateDataKey(tenant: tenant)
            return .json(["keyVersion": .number(Double(version))])
        }
        for (path, operation) in ResourceCredentialEndpoint.Operation.routes {
            router.add("POST", path) { request in
                await ResourceCredentialEndpoint(platform: platform).handle(request, operation)
            }
        }
    }

    /// The caller's tenant, for an end user (not a workload) holding `credentials:admin`.
    private static func credentialsAdmin(_ request: HTTPRequest, _ platform: Platform) async throws -> String {
        let principal = try await platform.identity.principal(for: request)
        guard !principal.isDelegated else { throw AccessError.userRequired }
        guard principal.scopes.contains(credentialsAdminScope) else {
            throw CodedError(
                "auth.credentials_admin_required",
                "this operation needs the `credentials:admin` scope",
                status: 403
            )
        }
        return principal.tenant
    }
}
