import AgentryCore

/// The RFC 8693 §4.1 `act` claim: who is acting, and (nested) who acted before them.
///
/// `{"sub":"agent:doc-1","act":{"sub":"client-a"}}` reads "agent doc-1 acts, on behalf of a party that client-a
/// acted for". The outermost actor is the current one.
public struct ActorClaim: Sendable, Hashable {
    /// The acting party's subject identifier.
    public var sub: String
    /// Array of at most one element; a struct cannot hold an optional of itself directly.
    private var previous: [ActorClaim]

    /// Creates an actor, optionally wrapping the chain of earlier actors.
    public init(sub: String, act: ActorClaim? = nil) {
        self.sub = sub
        self.previous = act.map { [$0] } ?? []
    }

    /// The earlier actor in the delegation chain, if any.
    public var act: ActorClaim? {
        get { previous.first }
        set { previous = newValue.map { [$0] } ?? [] }
    }

    /// Number of actors in the chain, this one included.
    public var depth: Int {
        1 + (act?.depth ?? 0)
    }

    /// Subjects from the current actor outwards to the first one.
    public var chain: [String] {
        [sub] + (act?.chain ?? [])
    }

    /// Reads an `act` object; members other than `sub` and `act` are ignored.
    /// - Throws: `IdentityError` (`identity.token_malformed`) if `sub` is missing or nesting is invalid.
    public init(json: JSONValue) throws {
        guard let object = json.objectValue, let sub = object["sub"]?.stringValue else {
            throw IdentityError.claimInvalid("act")
        }
        var nested: ActorClaim?
        if let inner = object["act"] {
            nested = try ActorClaim(json: inner)
        }
        self.init(sub: sub, act: nested)
    }

    /// The claim as JSON.
    public func jsonValue() -> JSONValue {
        var object: [String: JSONValue] = ["sub": .string(sub)]
        if let act { object["act"] = act.jsonValue() }
        return .object(object)
    }
}
