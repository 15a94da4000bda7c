/// Maps route names (from a tenant's tier configuration, e.g. `shared-default` or `acme-dedicated`) to providers.
public struct ModelRouter: Sendable {
    /// Providers by route name.
    public let routes: [String: any ModelProvider]
    /// Route used when a tenant's tier names none, or nil to require one.
    public let defaultRoute: String?

    /// Creates a router.
    public init(routes: [String: any ModelProvider], defaultRoute: String? = nil) {
        self.routes = routes
        self.defaultRoute = defaultRoute
    }

    /// The provider for `route` (or for ``defaultRoute`` when `route` is nil).
    ///
    /// - Throws: ``ModelError`` `model.route_not_found` when nothing is configured for it.
    public func provider(for route: String?) throws -> any ModelProvider {
        guard let name = route ?? defaultRoute else { throw ModelError.routeNotFound("(default)") }
        guard let provider = routes[name] else { throw ModelError.routeNotFound(name) }
        return provider
    }

    /// Sends `request` to the provider for `route`.
    public func complete(route: String?, _ request: ChatRequest) async throws -> ChatResponse {
        try await provider(for: route).complete(request)
    }
}
