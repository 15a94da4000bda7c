import AgentryCore
import Foundation

/// The claims of an Agentry JWT: the registered ones (RFC 7519 §4.1), Agentry's own, and anything else in `extra`.
public struct Claims: Sendable, Hashable {
    /// Issuer (`iss`).
    public var iss: String?
    /// Subject (`sub`): the user the token speaks for.
    public var sub: String?
    /// Audience (`aud`); a single string on the wire is read as a one-element array.
    public var aud: [String]
    /// Expiry (`exp`, NumericDate).
    public var exp: Date?
    /// Not before (`nbf`, NumericDate).
    public var nbf: Date?
    /// Issued at (`iat`, NumericDate).
    public var iat: Date?
    /// Token id (`jti`).
    public var jti: String?
    /// Tenant (`tenant_id`).
    public var tenantID: String?
    /// Scopes (`scope`, one space-separated string on the wire).
    public var scopes: Set<String>
    /// Delegation chain (`act`, RFC 8693 §4.1).
    public var act: ActorClaim?
    /// Runtime session (`session_id`).
    public var sessionID: String?
    /// OAuth client the token was issued to (`client_id`, RFC 9068).
    public var clientID: String?
    /// Every other member, kept verbatim. Registered names here are overridden by the typed fields.
    public var extra: [String: JSONValue]

    /// The member names this type models itself.
    public static let registeredNames: Set<String> = [
        "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "tenant_id", "scope", "act", "session_id", "client_id",
    ]

    /// Creates claims; every member defaults to absent.
    public init(
        iss: String? = nil,
        sub: String? = nil,
        aud: [String] = [],
        exp: Date? = nil,
        nbf: Date? = nil,
        iat: Date? = nil,
        jti: String? = nil,
        tenantID: String? = nil,
        scopes: Set<String> = [],
        act: ActorClaim? = nil,
        sessionID: String? = nil,
        clientID: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.iss = iss
        self.sub = sub
        self.aud = aud
        self.exp = exp
        self.nbf = nbf
        self.iat = iat
        self.jti = jti
        self.tenantID = tenantID
        self.scopes = scopes
        self.act = act
        self.sessionID = sessionID
        self.clientID = clientID
        self.extra = extra
    }

    /// The `scope` wire form: scopes sorted and joined by single spaces (empty string when there are none).
    public var scopeString: String {
        scopes.sorted().joined(separator: " ")
    }

    /// Splits an RFC 6749 §3.3 scope string on spaces, dropping empty pieces.
    public static func parseScope(_ text: String) -> Set<String> {
        Set(text.split(separator: " ", omittingEmptySubsequences: true).map(String.init))
    }
}
