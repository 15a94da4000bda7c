import AgentryCore
import Foundation

extension Claims: Codable {
    /// Reads claims from a JWT payload object, checking the type of every registered claim.
    /// - Throws: `IdentityError` (`identity.token_malformed`) naming the first claim with a wrong type.
    public init(json object: [String: JSONValue]) throws {
        self.init()
        iss = try Self.string(object, "iss")
        sub = try Self.string(object, "sub")
        aud = try Self.audience(object["aud"])
        exp = try Self.date(object, "exp")
        nbf = try Self.date(object, "nbf")
        iat = try Self.date(object, "iat")
        jti = try Self.string(object, "jti")
        tenantID = try Self.string(object, "tenant_id")
        scopes = try Self.string(object, "scope").map(Self.parseScope) ?? []
        act = try object["act"].map(ActorClaim.init(json:))
        sessionID = try Self.string(object, "session_id")
        clientID = try Self.string(object, "client_id")
        extra = object.filter { !Self.registeredNames.contains($0.key) }
    }

    /// The payload object: `extra` first, then every present registered claim (NumericDates as whole seconds).
    public func jsonObject() -> [String: JSONValue] {
        var object = extra.filter { !Self.registeredNames.contains($0.key) }
        let strings: [(String, String?)] = [
            ("iss", iss), ("sub", sub), ("jti", jti), ("tenant_id", tenantID), ("session_id", sessionID),
            ("client_id", clientID),
        ]
        for (name, value) in strings { if let value { object[name] = .string(value) } }
        let dates: [(String, Date?)] = [("exp", exp), ("nbf", nbf), ("iat", iat)]
        for (name, value) in dates {
            if let value { object[name] = .number(value.timeIntervalSince1970.rounded(.down)) }
        }
        if aud.count == 1 { object["aud"] = .string(aud[0]) }
        if aud.count > 1 { object["aud"] = .array(aud.map(JSONValue.string)) }
        if !scopes.isEmpty { object["scope"] = .string(scopeString) }
        if let act { object["act"] = act.jsonValue() }
        return object
    }

    /// Decodes from a JSON object; see ``init(json:)``.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(json: try container.decode([String: JSONValue].self))
    }

    /// Encodes as a JSON object; see ``jsonObject()``.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(jsonObject())
    }

    private static func string(_ object: [String: JSONValue], _ name: String) throws -> String? {
        guard let value = object[name] else { return nil }
        guard let text = value.stringValue else { throw IdentityError.claimInvalid(name) }
        return text
    }

    private static func date(_ object: [String: JSONValue], _ name: String) throws -> Date? {
        guard let value = object[name] else { return nil }
        guard let seconds = value.numberValue, seconds.isFinite, abs(seconds) < 1e11 else {
            throw IdentityError.claimInvalid(name)
        }
        return Date(timeIntervalSince1970: seconds)
    }

    private static func audience(_ value: JSONValue?) throws -> [String] {
        switch value {
        case nil: return []
        case .string(let single)?: return [single]
        case .array(let items)?:
            let strings = items.compactMap(\.stringValue)
            guard strings.count == items.count else { throw IdentityError.claimInvalid("aud") }
            return strings
        default: throw IdentityError.claimInvalid("aud")
        }
    }
}
