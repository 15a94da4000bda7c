import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy

extension AgentryRoutes {
    /// JWKS, discovery, the OAuth token, introspection and revocation endpoints, and AgentCore's workload-identity
    /// API.
    static func addIdentity(_ router: inout Router, _ platform: Platform) {
        router.add("GET", "/.well-known/jwks.json") { _ in
            var response = HTTPResponse(status: 200, body: try platform.identity.jwks.jsonData())
            response.headers.set("Content-Type", "application/jwk-set+json")
            response.headers.set("Cache-Control", "max-age=60")
            return response
        }
        // Built per request: the algorithms follow the published keys as rings rotate.
        router.add("GET", "/.well-known/openid-configuration") { _ in .json(discovery(platform)) }
        router.add("GET", "/.well-known/oauth-authorization-server") { _ in .json(discovery(platform)) }
        router.add("POST", "/oauth2/token") { request in
            TokenEndpoint(platform: platform).handle(request)
        }
        router.add("POST", "/oauth2/introspect") { request in
            OAuthIntrospection(platform: platform).introspect(request)
        }
        router.add("POST", "/oauth2/revoke") { request in
            OAuthIntrospection(platform: platform).revoke(request)
        }
        for operation in WorkloadIdentityEndpoint.Operation.allCases {
            router.add("POST", "/identities/" + operation.rawValue) { request in
                WorkloadIdentityEndpoint(platform: platform).handle(request, operation)
            }
        }
    }

    /// OpenID / RFC 8414 metadata: endpoints, grants, client authentication methods and signing algorithms.
    private static func discovery(_ platform: Platform) -> JSONValue {
        let issuer = platform.identity.issuerURL
        let methods: JSONValue = ["client_secret_basic", "client_secret_post"]
        let algorithms = platform.identity.signingAlgorithms.map(JSONValue.string)
        return [
            "issuer": .string(issuer), "jwks_uri": .string(issuer + "/.well-known/jwks.json"),
            "token_endpoint": .string(issuer + "/oauth2/token"),
            "introspection_endpoint": .string(issuer + "/oauth2/introspect"),
            "revocation_endpoint": .string(issuer + "/oauth2/revoke"),
            "grant_types_supported": [
                .string(OAuthClientConfig.clientCredentialsGrant), .string(OAuthClientConfig.tokenExchangeGrant),
            ],
            "token_endpoint_auth_methods_supported": methods,
            "introspection_endpoint_auth_methods_supported": methods,
            "revocation_endpoint_auth_methods_supported": methods,
            "id_token_signing_alg_values_supported": .array(algorithms),
        ]
    }
}
