import Gateway

/// The callers the front server recognises, each by its own bearer token.
enum TestUser: String, CaseIterable, Sendable {
    case userA = "tok-user-a-t1"
    case userB = "tok-user-b-t1"
    /// The same user name as ``userA`` but in another tenant.
    case userAOtherTenant = "tok-user-a-t2"

    /// The bearer token the test client sends.
    var token: String { rawValue }

    /// The verified caller the server builds from the token.
    var caller: GatewayCaller {
        switch self {
        case .userA: Self.make(tenant: "T1", user: "user-A", token: token)
        case .userB: Self.make(tenant: "T1", user: "user-B", token: token)
        case .userAOtherTenant: Self.make(tenant: "T2", user: "user-A", token: token)
        }
    }

    private static func make(tenant: String, user: String, token: String) -> GatewayCaller {
        GatewayCaller(tenant: tenant, user: user, scopes: ["tools"], actor: "agent-1", token: token, sessionID: nil)
    }
}
