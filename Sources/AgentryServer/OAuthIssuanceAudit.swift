import AgentryCore
import Foundation
import Identity
import Tenancy

/// Audit rows for tokens Agentry issues to OAuth clients: token exchanges, `client_credentials` grants and
/// workload access tokens. A row names the client, tenant, subject, audience and `jti` — never the token.
struct IssuanceAudit {
    let platform: Platform
    let client: OAuthClientConfig
    let tenant: String
    let requestID: String

    /// Records an issued `token` (its claims are read back from it; nothing is logged when it cannot be read).
    func issued(_ action: String, token: String) {
        let claims = (try? CompactJWS(parsing: token).payloadObject()).flatMap { try? Claims(json: $0) }
        let resource = [
            "sub=" + (claims?.sub ?? "-"), "aud=" + (claims?.aud.joined(separator: ",") ?? "-"),
            "jti=" + (claims?.jti ?? "-"),
        ].joined(separator: " ")
        record(action, resource: resource, outcome: "allow", code: "")
    }

    /// Records a refused issuance for `subject`.
    func refused(_ action: String, subject: String, error: any Error) {
        let code = (error as? any AgentryError)?.code ?? "internal"
        record(action, resource: "sub=" + subject, outcome: "deny", code: code)
    }

    private func record(_ action: String, resource: String, outcome: String, code: String) {
        platform.audit.record(
            tenant: tenant,
            requestID: requestID,
            principal: "client:" + client.id,
            action: action,
            resource: String(resource.prefix(512)),
            outcome: outcome,
            code: code
        )
    }
}
