import AgentryCore
import Foundation
import HTTP
import Telemetry

extension AgentryRoutes {
    /// Health and the caller's own tenant usage.
    static func addAdmin(_ router: inout Router, _ platform: Platform) {
        router.add("GET", "/ping") { _ in .json(["status": "Healthy"]) }
        router.add("GET", "/usage") { request in
            let principal = try await platform.identity.principal(for: request)
            guard !principal.isDelegated else { throw AccessError.userRequired }
            let figures = try platform.ledger.report().usage(for: principal.tenant) ?? UsageFigures()
            return .json(encoding: TenantUsage(tenantID: principal.tenant, usage: figures))
        }
    }
}
