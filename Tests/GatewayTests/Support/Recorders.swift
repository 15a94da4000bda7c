import Foundation
import Gateway
import Synchronization

/// One call of the gateway's `audit` hook.
struct AuditRecord: Sendable, Equatable {
    let tenant: String
    let user: String
    let tool: String
    let outcome: String
}

/// Collects audit records written through the hook.
final class AuditLog: Sendable {
    private let records = Mutex<[AuditRecord]>([])

    /// Every record so far, in order.
    var all: [AuditRecord] { records.withLock { $0 } }

    /// Appends one record.
    func write(_ caller: GatewayCaller, _ tool: String, _ outcome: String) {
        let record = AuditRecord(tenant: caller.tenant, user: caller.user, tool: tool, outcome: outcome)
        records.withLock { $0.append(record) }
    }
}

/// One downstream token handed out by the credential hook.
struct IssuedCredential: Sendable {
    let user: String
    let tool: String
    let audience: String
    let scope: String
    let token: String
}

/// Issues a fresh random downstream token per call and remembers each one.
final class CredentialIssuer: Sendable {
    private let issued = Mutex<[IssuedCredential]>([])

    /// Every token issued so far, in order.
    var all: [IssuedCredential] { issued.withLock { $0 } }

    /// Issues a token for `tool` on behalf of `caller`.
    func issue(_ caller: GatewayCaller, _ tool: GatewayTool) -> String {
        var random = SystemRandomNumberGenerator()
        let nonce = String(random.next(), radix: 16)
        let token = "dt.\(tool.audience).\(caller.user).\(nonce)"
        let credential = IssuedCredential(
            user: caller.user,
            tool: tool.name,
            audience: tool.audience,
            scope: tool.scope,
            token: token
        )
        issued.withLock { $0.append(credential) }
        return token
    }
}
