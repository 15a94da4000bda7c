import AgentryCore
import Foundation
import HTTP
import Identity
import Synchronization
import Testing

@testable import AgentryServer

#if canImport(Glibc)
import Glibc
#endif

/// A credential provider's token endpoint on 127.0.0.1 that records what Agentry sends it:
/// `POST /token` issues a token, `/refuse` answers 400, `/junk` answers 200 without JSON.
final class LoopbackProvider: Sendable {
    private final class Recorded: Sendable {
        let forms = Mutex<[[String: String]]>([])
    }

    private let server: HTTPServer
    private let recorded = Recorded()

    init() throws {
        var router = Router()
        router.add("POST", "/token") { [recorded] request in
            let pairs = (try? FormBody.parse(request.body)) ?? []
            let basic = request.headers["authorization"].flatMap { Data(base64Encoded: String($0.dropFirst(6))) }
            let client = basic.map { String(decoding: $0, as: UTF8.self).prefix { $0 != ":" } } ?? ""
            let form = Dictionary(pairs + [("_client", String(client))]) { first, _ in first }
            recorded.forms.withLock { $0.append(form) }
            return .json(["access_token": "provider-issued", "token_type": "Bearer", "expires_in": 60])
        }
        router.add("POST", "/refuse") { _ in .json(["error": "invalid_client"], status: 400) }
        router.add("POST", "/junk") { _ in HTTPResponse(status: 200, body: Data("not json".utf8)) }
        server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), router: router)
        try server.start()
    }

    /// `http://127.0.0.1:<port>`.
    var base: String { "http://127.0.0.1:\(server.port)" }

    /// The form of the last token request by `client` (tests run in parallel against one provider).
    func lastForm(client: String) -> [String: String]? {
        recorded.forms.withLock { $0.last { $0["_client"] == client } }
    }
}

@Suite("Red team: credential providers")
struct RedTeamIdentityCredentialTests {
    private func client() async throws -> CredentialClient {
        CredentialClient(running: try await CredentialHarness.shared.start())
    }

    private func oauth2(_ clientID: String, _ endpoint: String, scopes: [String] = []) -> JSONValue {
        [
            "oauth2": [
                "clientId": .string(clientID), "clientSecret": "provider-secret", "tokenEndpoint": .string(endpoint),
                "scopes": .array(scopes.map(JSONValue.string)),
            ]
        ]
    }

    @Test("H1: a provider may not be addressed as Agentry or one of its clients")
    func reservedClientIDs() async throws {
        let client = try await client()
        let endpoint = client.running.provider.base + "/token"
        for reserved in ["agentry", "acme-app", "platform-svc", "gateway:gw"] {
            let reply = try await client.put("reserved-id", oauth2(reserved, endpoint))
            #expect(reply.status == 400, "clientId \(reserved)")
        }
    }

    @Test("H1: the subject token sent to a provider is narrowed, typed apart, and refused by Agentry everywhere")
    func providerSubjectIsNoAgentryToken() async throws {
        let client = try await client()
        let endpoint = client.running.provider.base + "/token"
        let wide = ["docs:read", "billing:write", "credentials:admin", "docs:admin"]
        #expect(try await client.put("fed-wide", oauth2("ext-wide", endpoint, scopes: wide)).status == 200)
        let workload = try await client.workloadToken()
        let reply = try await client.call(
            "GetResourceOauth2Token",
            [
                "workloadIdentityToken": .string(workload), "resourceCredentialProviderName": "fed-wide",
                "oauth2Flow": "USER_FEDERATION",
            ]
        )
        #expect(reply.status == 200)
        let subject = try #require(client.running.provider.lastForm(client: "ext-wide")?["subject_token"])
        let jws = try CompactJWS(parsing: subject)
        #expect(jws.header["typ"] == .string(ResourceCredentialEndpoint.providerSubjectType))
        let claims = try payload(of: subject)
        #expect(claims["scope"] == "docs:read")
        #expect(claims["session_id"] == nil)
        #expect(claims["aud"] == ["ext-wide"] || claims["aud"] == "ext-wide")

        // The provider (or anyone it leaks to) presents the token back to Agentry.
        let endpointURL = client.running.server.endpoint
        let edge = Caller(endpoint: endpointURL, token: subject)
        #expect(try await edge.send("GET", "/identities/credential-providers").status == 401)
        #expect(try await edge.send("PUT", "/knowledge/kb/documents/x", body: Data("{}".utf8)).status == 401)
        let asWorkload = try await client.call(
            "api-key",
            ["workloadIdentityToken": .string(subject), "resourceCredentialProviderName": "fed-wide"]
        )
        #expect(asWorkload.status == 401)
        let exchanged = try await OAuthCaller(endpoint: endpointURL).exchange(
            subject,
            client: "acme-app",
            audience: "billing"
        )
        #expect(exchanged.oauthError == "invalid_grant")
        let introspected = try await OAuthCaller(endpoint: endpointURL).post(
            "/oauth2/introspect",
            [("token", subject)],
            client: "acme-app"
        )
        #expect(try introspected.jsonBody() == ["active": false])
    }

    @Test("M1: a provider limited to other agents answers the missing-name 404; every release is audited")
    func allowedWorkloadsAndAudit() async throws {
        let client = try await client()
        let secret = "sk-limited-" + UUID().uuidString
        let limited: JSONValue = ["apiKey": .string(secret), "allowedWorkloads": ["other-agent"]]
        #expect(try await client.put("limited-api", limited).status == 200)
        let workload = try await client.workloadToken()
        let ask: (String) async throws -> HTTPResponse = { name in
            try await client.call(
                "GetResourceApiKey",
                ["workloadIdentityToken": .string(workload), "resourceCredentialProviderName": .string(name)]
            )
        }
        let refused = try await ask("limited-api")
        #expect(refused.status == 404)
        #expect(refused.body == (try await ask("no-such-provider")).body)

        let open: JSONValue = ["apiKey": .string(secret), "allowedWorkloads": ["helper", "other-agent"]]
        #expect(try await client.put("limited-api", open).status == 200)
        #expect(try await ask("limited-api").status == 200)
        let list = try await Caller(endpoint: client.running.server.endpoint, token: client.adminToken())
            .send("GET", "/identities/credential-providers")
        let entry = try list.jsonBody()["credentialProviders"].arrayValue?.first { $0["name"] == "limited-api" }
        #expect(entry?["allowedWorkloads"] == ["helper", "other-agent"])
        #expect(try await client.put("limited-api", ["apiKey": "x", "allowedWorkloads": []]).status == 400)

        let entries = try client.platform.audit.entries(tenant: "acme")
        let releases = entries.filter {
            $0.action == "GetResourceApiKey" && $0.resource == "credential-provider:limited-api"
        }
        #expect(releases.contains { $0.outcome == "deny" && $0.principal == "acme/user-1 (agent:helper)" })
        #expect(releases.contains { $0.outcome == "allow" && $0.principal == "acme/user-1 (agent:helper)" })
        #expect(entries.contains { $0.action == "PutCredentialProvider" && $0.principal == "acme/admin-acme" })
        #expect(entries.contains { $0.action == "GetWorkloadAccessTokenForUserId" && $0.resource.contains("jti=") })
        #expect(!entries.contains { "\($0)".contains(secret) })
    }

    @Test("M2: token endpoints on internal addresses are refused, and every provider failure reads the same")
    func tokenEndpointRules() async throws {
        let strict = ResourceCredentialEndpointRules(allowed: [])
        let refused = [
            "http://example.com/token", "https://127.0.0.2/token", "https://169.254.169.254/latest",
            "https://10.0.0.1/token", "https://[::1]/token", "https://[::ffff:127.0.0.1]/token",
            "https://[fe80::1]/token", "https://0.0.0.0/token", "https://user@example.com/token",
            "ftp://example.com/token", "http://localhost:8080/token",
        ]
        for endpoint in refused { #expect(!strict.acceptsForStorage(endpoint), "\(endpoint)") }
        #expect(strict.acceptsForStorage("https://idp.example.com/oauth/token"))
        // A name is judged by what it resolves to, at use (localhost resolves from /etc/hosts, no traffic).
        #expect(strict.acceptsForStorage("https://localhost:1/token"))
        #expect(strict.usableURL("https://localhost:1/token") == nil)
        let exempt = ResourceCredentialEndpointRules(allowed: ["127.0.0.1:8443"])
        #expect(exempt.usableURL("http://127.0.0.1:8443/token") != nil)
        #expect(exempt.usableURL("http://127.0.0.1:8444/token") == nil)

        let client = try await client()
        for endpoint in ["https://169.254.169.254/token", "http://127.0.0.2:80/token", "https://[::1]/token"] {
            #expect(try await client.put("ssrf", oauth2("ext-ssrf", endpoint)).status == 400, "\(endpoint)")
        }
        // No closed-versus-open oracle: a closed port, a refusal and a junk answer are one and the same error.
        let workload = try await client.workloadToken()
        var bodies: Set<Data> = []
        for (index, endpoint) in [
            "http://127.0.0.1:9/token", client.running.provider.base + "/refuse",
            client.running.provider.base + "/junk",
        ].enumerated() {
            #expect(try await client.put("probe-\(index)", oauth2("ext-probe", endpoint)).status == 200)
            let reply = try await client.call(
                "GetResourceOauth2Token",
                [
                    "workloadIdentityToken": .string(workload),
                    "resourceCredentialProviderName": .string("probe-\(index)"),
                    "oauth2Flow": "M2M",
                ]
            )
            #expect(reply.status == 502)
            bodies.insert(reply.body)
        }
        #expect(bodies.count == 1)
    }
}

/// Test helpers for the red-team identity suite.
enum RedTeam {
    /// The order of the P-256 group.
    static let p256Order: [UInt8] = Array(
        Data(hex: "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")
    )

    /// The same ES256 token with its signature re-encoded as (r, n − s): still valid, different bytes.
    static func malleated(_ token: String) throws -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let signature = try Base64URL.decode(parts[2])
        try #require(signature.count == 64)
        let bytes = Array(signature)
        var flipped = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for index in stride(from: 31, through: 0, by: -1) {
            var digit = Int(p256Order[index]) - Int(bytes[32 + index]) - borrow
            borrow = digit < 0 ? 1 : 0
            if digit < 0 { digit += 256 }
            flipped[index] = UInt8(digit)
        }
        return parts[0] + "." + parts[1] + "." + Base64URL.encode(Data(bytes[0..<32] + flipped))
    }

    /// A token signed by `key` for issuer `issuer` with exactly `claims` (no `jti` unless given).
    static func sign(_ claims: [String: JSONValue], key: SigningKey) throws -> String {
        var payload = claims
        payload["exp"] = .number(Date().timeIntervalSince1970.rounded(.down) + 300)
        return try CompactJWS.sign(
            header: ["typ": "JWT", "kid": .string(key.kid)],
            payload: JSONValue.object(payload).serialized(),
            with: key
        )
    }

    /// The port of an `http://127.0.0.1:<port>` endpoint.
    static func port(_ endpoint: String) -> UInt16 {
        UInt16(endpoint.split(separator: ":").last.map(String.init) ?? "") ?? 0
    }
}

extension Data {
    /// Bytes from hex digits (test vectors).
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        self.init(bytes)
    }
}
