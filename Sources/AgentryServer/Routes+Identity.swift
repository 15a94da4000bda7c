import AgentryCore
import Foundation
import HTTP
import Identity

extension AgentryRoutes {
    /// JWKS, OpenID discovery and the OAuth token endpoint.
    static func addIdentity(_ router: inout Router, _ platform: Platform) {
        router.add("GET", "/.well-known/jwks.json") { _ in
            var response = HTTPResponse(status: 200, body: try platform.identity.jwks.jsonData())
            response.headers.set("Content-Type", "application/jwk-set+json")
            response.headers.set("Cache-Control", "max-age=60")
            return response
        }
        router.add("GET", "/.well-known/openid-configuration") { _ in
            let issuer = platform.identity.issuerURL
            return .json([
                "issuer": .string(issuer), "jwks_uri": .string(issuer + "/.well-known/jwks.json"),
                "token_endpoint": .string(issuer + "/oauth2/token"),
                "grant_types_supported": [.string(TokenExchangeRequest.grantType)],
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                "id_token_signing_alg_values_supported": ["ES256"],
            ])
        }
        router.add("POST", "/oauth2/token") { request in
            TokenEndpoint(platform: platform).handle(request)
        }
    }
}
