import HTTP

/// Every HTTP route of the Agentry server.
enum AgentryRoutes {
    /// Builds the router over `platform`.
    static func router(_ platform: Platform) -> Router {
        var router = Router()
        addAdmin(&router, platform)
        addPolicies(&router, platform)
        addIdentity(&router, platform)
        addCredentials(&router, platform)
        addRuntime(&router, platform)
        addKnowledge(&router, platform)
        addMemory(&router, platform)
        addModels(&router, platform)
        addGateways(&router, platform)
        return router
    }
}
