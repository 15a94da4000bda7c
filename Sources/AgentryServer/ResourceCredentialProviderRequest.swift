import AgentryCore
import Foundation
import Vault

/// Parsing and rendering for the credential-provider admin API; never renders a secret.
enum ResourceCredentialProviderRequest {
    /// A provider name as AgentCore spells them: 1-128 of `A-Z a-z 0-9 - _`.
    /// - Throws: 400 `credentials.invalid_name`.
    static func name(_ text: String?) throws -> String {
        guard let text, text.wholeMatch(of: #/[A-Za-z0-9_-]{1,128}/#) != nil else {
            throw CodedError.badRequest(
                "the provider name must be 1-128 of A-Z a-z 0-9 - _",
                code: "credentials.invalid_name"
            )
        }
        return text
    }

    /// A PUT body: the credential, and which of the tenant's workloads may use it.
    struct Definition {
        /// The secret to store.
        let credential: Credential
        /// Agent ids allowed to obtain the credential; nil for every workload of the tenant.
        let allowedWorkloads: [String]?
    }

    /// The provider in a PUT body: `{"apiKey": "…"}` or
    /// `{"oauth2": {"clientId", "clientSecret", "tokenEndpoint", "scopes"}}`, plus optionally
    /// `"allowedWorkloads": ["agent-id", …]`.
    /// - Parameters:
    ///   - body: the request body.
    ///   - reserved: client ids a provider may not use (see ``isReservedClientID(_:reserved:)``).
    ///   - rules: where a token endpoint may point.
    /// - Returns: the credential and its `allowedWorkloads`.
    /// - Throws: 400 `credentials.invalid_request` (the message never repeats a value).
    static func definition(
        _ body: Data,
        reserved: Set<String>,
        rules: ResourceCredentialEndpointRules = .current
    ) throws -> Definition {
        guard var object = try? JSONValue.parse(body).objectValue else {
            throw invalid("the body must be an object with exactly one of `apiKey` and `oauth2`")
        }
        let workloads = try allowedWorkloads(object.removeValue(forKey: "allowedWorkloads"))
        guard object.count == 1 else {
            throw invalid("the body must be an object with exactly one of `apiKey` and `oauth2`")
        }
        if let key = object["apiKey"] {
            guard let text = key.stringValue, (1...65_536).contains(text.utf8.count) else {
                throw invalid("`apiKey` must be a string of 1-65536 bytes")
            }
            return Definition(credential: .apiKey(text), allowedWorkloads: workloads)
        }
        guard let oauth = object["oauth2"]?.objectValue else {
            throw invalid("the body must be an object with exactly one of `apiKey` and `oauth2`")
        }
        let client = try oauth2(oauth, reserved: reserved, rules: rules)
        return Definition(credential: .oauth2Client(client), allowedWorkloads: workloads)
    }

    private static func oauth2(
        _ oauth: [String: JSONValue],
        reserved: Set<String>,
        rules: ResourceCredentialEndpointRules
    ) throws -> OAuth2ClientCredential {
        let known: Set<String> = ["clientId", "clientSecret", "tokenEndpoint", "scopes"]
        if let unknown = oauth.keys.sorted().first(where: { !known.contains($0) }) {
            throw invalid("`oauth2.\(unknown)` is not a known member")
        }
        guard let clientID = oauth["clientId"]?.stringValue, (1...256).contains(clientID.utf8.count),
            let secret = oauth["clientSecret"]?.stringValue, (1...4096).contains(secret.utf8.count)
        else { throw invalid("`oauth2.clientId` and `oauth2.clientSecret` are required strings") }
        guard !isReservedClientID(clientID, reserved: reserved) else {
            throw invalid("`oauth2.clientId` names an audience or client of Agentry itself")
        }
        guard let endpoint = oauth["tokenEndpoint"]?.stringValue, rules.acceptsForStorage(endpoint) else {
            throw invalid("`oauth2.tokenEndpoint` must be an https URL of a public host")
        }
        let scopes = oauth["scopes"]?.arrayValue ?? []
        let names = scopes.compactMap(\.stringValue)
        guard names.count == scopes.count, names.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
            throw invalid("`oauth2.scopes` must be a list of scope names")
        }
        return OAuth2ClientCredential(clientID: clientID, clientSecret: secret, tokenEndpoint: endpoint, scopes: names)
    }

    /// `allowedWorkloads`: absent (every workload) or a list of 1-64 agent ids.
    private static func allowedWorkloads(_ value: JSONValue?) throws -> [String]? {
        guard let value else { return nil }
        let items = value.arrayValue ?? []
        let ids = items.compactMap(\.stringValue)
        guard value.arrayValue != nil, (1...64).contains(ids.count), ids.count == items.count,
            ids.allSatisfy({ $0.wholeMatch(of: #/[A-Za-z0-9_.-]{1,255}/#) != nil })
        else { throw invalid("`allowedWorkloads` must be a list of 1-64 agent ids") }
        return Array(Set(ids)).sorted()
    }

    /// Whether a provider's `clientId` is one a token Agentry mints for the provider must never carry as `aud`:
    /// Agentry's own API audience, one of its OAuth clients (`reserved`), or a gateway's exchange client.
    static func isReservedClientID(_ clientID: String, reserved: Set<String>) -> Bool {
        clientID == IdentityPlane.platformAudience || reserved.contains(clientID) || clientID.hasPrefix("gateway:")
    }

    /// What a read shows about a stored credential: name, kind, dates and key version, never the secret.
    static func metadata(_ stored: CredentialMetadata, allowedWorkloads: [String]? = nil) -> JSONValue {
        let format = ISO8601DateFormatter()
        var object: [String: JSONValue] = [
            "name": .string(stored.name),
            "kind": .string(stored.kind == .apiKey ? "ApiKey" : "OAuth2"),
            "createdAt": .string(format.string(from: stored.createdAt)),
            "updatedAt": .string(format.string(from: stored.updatedAt)),
            "keyVersion": .number(Double(stored.keyVersion)),
        ]
        if let allowedWorkloads { object["allowedWorkloads"] = .array(allowedWorkloads.map(JSONValue.string)) }
        return .object(object)
    }

    private static func invalid(_ message: String) -> CodedError {
        CodedError.badRequest(message, code: "credentials.invalid_request")
    }
}
