import AgentryCore
import Foundation
import HTTP
import Identity
import Tenancy

/// `POST /oauth2/token`: RFC 8693 token exchange for configured OAuth clients (HTTP Basic authentication).
///
/// Each client may target only the audiences and scopes listed for it in `oauthClients`; the issued token's
/// scope never exceeds the subject token's, its lifetime never outlives it, and it is signed by the subject
/// tenant's own key ring. Errors follow RFC 6749 §5.2.
struct TokenEndpoint {
    let platform: Platform

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        do {
            let client = try authenticateClient(request)
            let form = try FormBody.parse(request.body)
            let exchange = try TokenExchangeRequest(form: form)
            guard exchange.grantType == TokenExchangeRequest.grantType else {
                throw OAuthError(.unsupportedGrantType, "only token exchange is supported")
            }
            // Sign with the subject's own tenant ring: find the tenant from the verified subject token first.
            guard let subject = exchange.subjectToken,
                let tenant = (try? platform.identity.verifyBound(subject))?.claims.tenantID
            else {
                throw OAuthError(.invalidGrant, "the subject token is not valid")
            }
            if let actor = exchange.actorToken, (try? platform.identity.verifyBound(actor)) == nil {
                throw OAuthError(.invalidGrant, "the actor token is not valid")
            }
            let policy = StaticExchangePolicy(targets: [client.id: client.targets.mapValues(Set.init)])
            let issued = try platform.identity.exchanger(for: tenant, policy: policy).exchange(
                exchange,
                clientID: client.id
            )
            return json(issued.jsonBody, status: 200)
        } catch let error as OAuthError {
            return json(error.jsonBody, status: error.status)
        } catch {
            return json(OAuthError(.invalidRequest, "malformed token request").jsonBody, status: 400)
        }
    }

    private func authenticateClient(_ request: HTTPRequest) throws -> OAuthClientConfig {
        guard let header = request.headers["authorization"], header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else {
            throw OAuthError(.invalidClient, "client authentication is required")
        }
        let id = FormBody.decode(String(text[..<colon]))
        let secret = FormBody.decode(String(text[text.index(after: colon)...]))
        guard let client = platform.config.oauthClients?.first(where: { $0.id == id }),
            ConstantTime.equal(Digest.sha256Hex(secret), client.secretSHA256.lowercased())
        else {
            throw OAuthError(.invalidClient, "client authentication failed")
        }
        return client
    }

    private func json(_ body: Data, status: Int) -> HTTPResponse {
        var response = HTTPResponse(status: status, body: body)
        response.headers.set("Content-Type", "application/json")
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}

/// `application/x-www-form-urlencoded` bodies.
enum FormBody {
    /// Name/value pairs in order; throws `invalid_request` on undecodable input.
    static func parse(_ body: Data) throws -> [(String, String)] {
        guard let text = String(data: body, encoding: .utf8) else {
            throw OAuthError(.invalidRequest, "the form body is not UTF-8")
        }
        return text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(String(parts[0])), parts.count > 1 ? decode(String(parts[1])) : "")
        }
    }

    /// Percent-decodes, with `+` as space.
    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
    }
}

/// Comparison that takes the same time whatever the inputs share.
enum ConstantTime {
    static func equal(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
