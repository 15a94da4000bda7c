import Foundation

/// The form fields of an RFC 8693 §2.1 token-exchange request, already URL-decoded by the HTTP layer.
public struct TokenExchangeRequest: Sendable, Hashable {
    /// `grant_type`; must be ``TokenExchangeRequest/grantType``.
    public var grantType: String?
    /// `subject_token`.
    public var subjectToken: String?
    /// `subject_token_type`.
    public var subjectTokenType: String?
    /// `actor_token`.
    public var actorToken: String?
    /// `actor_token_type`.
    public var actorTokenType: String?
    /// Every `audience` parameter, in order (the parameter may repeat).
    public var audience: [String]
    /// Every `resource` parameter, in order.
    public var resource: [String]
    /// `scope`, space-separated.
    public var scope: String?
    /// `requested_token_type`.
    public var requestedTokenType: String?

    /// The token-exchange grant type URN.
    public static let grantType = "urn:ietf:params:oauth:grant-type:token-exchange"
    /// Token type URN for access tokens (the only type issued).
    public static let accessTokenType = "urn:ietf:params:oauth:token-type:access_token"
    /// Token type URN for generic JWTs (accepted for input tokens only).
    public static let jwtTokenType = "urn:ietf:params:oauth:token-type:jwt"

    /// Creates a request from its fields.
    public init(
        grantType: String?,
        subjectToken: String?,
        subjectTokenType: String?,
        actorToken: String? = nil,
        actorTokenType: String? = nil,
        audience: [String] = [],
        resource: [String] = [],
        scope: String? = nil,
        requestedTokenType: String? = nil
    ) {
        self.grantType = grantType
        self.subjectToken = subjectToken
        self.subjectTokenType = subjectTokenType
        self.actorToken = actorToken
        self.actorTokenType = actorTokenType
        self.audience = audience
        self.resource = resource
        self.scope = scope
        self.requestedTokenType = requestedTokenType
    }

    /// Builds a request from decoded form pairs, keeping repeated `audience`/`resource` values.
    /// - Throws: `OAuthError.invalidRequest` if a single-valued parameter appears more than once (RFC 6749 §3.2).
    public init(form pairs: [(String, String)]) throws {
        var single = [String: String]()
        var audience = [String]()
        var resource = [String]()
        for (name, value) in pairs {
            switch name {
            case "audience": audience.append(value)
            case "resource": resource.append(value)
            default:
                guard single.updateValue(value, forKey: name) == nil else {
                    throw OAuthError(.invalidRequest, "a request parameter is repeated")
                }
            }
        }
        self.init(
            grantType: single["grant_type"],
            subjectToken: single["subject_token"],
            subjectTokenType: single["subject_token_type"],
            actorToken: single["actor_token"],
            actorTokenType: single["actor_token_type"],
            audience: audience,
            resource: resource,
            scope: single["scope"],
            requestedTokenType: single["requested_token_type"]
        )
    }
}
