import Foundation

/// What an ``ExchangePolicy`` decides on: who asks, for which audience, on behalf of whom.
public struct ExchangeContext: Sendable {
    /// The authenticated OAuth client making the request.
    public let clientID: String
    /// The single audience (or resource) requested.
    public let audience: String
    /// The verified subject token.
    public let subject: VerifiedToken
    /// The verified actor token, if one was presented.
    public let actor: VerifiedToken?

    /// Creates a context.
    public init(clientID: String, audience: String, subject: VerifiedToken, actor: VerifiedToken?) {
        self.clientID = clientID
        self.audience = audience
        self.subject = subject
        self.actor = actor
    }
}

/// Decides which audiences a client may obtain tokens for in an exchange, and the most scope each may carry.
public protocol ExchangePolicy: Sendable {
    /// The scopes a token for `context.audience` may carry, or nil if the audience may not be targeted at all
    /// (the exchange then fails with `invalid_target`).
    func allowedScopes(for context: ExchangeContext) -> Set<String>?
}

/// An ``ExchangePolicy`` backed by a closure.
public struct ClosureExchangePolicy: ExchangePolicy {
    private let decide: @Sendable (ExchangeContext) -> Set<String>?

    /// Wraps `decide`.
    public init(_ decide: @escaping @Sendable (ExchangeContext) -> Set<String>?) {
        self.decide = decide
    }

    /// Calls the closure.
    public func allowedScopes(for context: ExchangeContext) -> Set<String>? {
        decide(context)
    }
}

/// A fixed table: client id → audience → allowed scopes. Anything not in the table is `invalid_target`.
public struct StaticExchangePolicy: ExchangePolicy {
    /// The table.
    public let targets: [String: [String: Set<String>]]

    /// Creates the policy from `targets[clientID][audience] = scopes`.
    public init(targets: [String: [String: Set<String>]]) {
        self.targets = targets
    }

    /// Looks the client and audience up, byte for byte.
    public func allowedScopes(for context: ExchangeContext) -> Set<String>? {
        guard let audiences = targets.first(where: { $0.key.utf8.elementsEqual(context.clientID.utf8) })?.value
        else { return nil }
        return audiences.first(where: { $0.key.utf8.elementsEqual(context.audience.utf8) })?.value
    }
}
