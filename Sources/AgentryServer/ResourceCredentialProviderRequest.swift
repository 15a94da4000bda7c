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

    /// The credential in a PUT body: `{"apiKey": "…"}` or
    /// `{"oauth2": {"clientId", "clientSecret", "tokenEndpoint", "scopes"}}`.
    /// - Throws: 400 `credentials.invalid_request` (the message never repeats a value).
    static func credential(_ body: Data) throws -> Credential {
        guard let object = try? JSONValue.parse(body).objectValue, object.count == 1 else {
            throw invalid("the body must be an object with exactly one of `apiKey` and `oauth2`")
        }
        if let key = object["apiKey"] {
            guard let text = key.stringValue, (1...65_536).contains(text.utf8.count) else {
                throw invalid("`apiKey` must be a string of 1-65536 bytes")
            }
            return .apiKey(text)
        }
        guard let oauth = object["oauth2"]?.objectValue else {
            throw invalid("the body must be an object with exactly one of `apiKey` and `oauth2`")
        }
        let known: Set<String> = ["clientId", "clientSecret", "tokenEndpoint", "scopes"]
        if let unknown = oauth.keys.sorted().first(where: { !known.contains($0) }) {
            throw invalid("`oauth2.\(unknown)` is not a known member")
        }
        guard let clientID = oauth["clientId"]?.stringValue, (1...256).contains(clientID.utf8.count),
            let secret = oauth["clientSecret"]?.stringValue, (1...4096).contains(secret.utf8.count)
        else { throw invalid("`oauth2.clientId` and `oauth2.clientSecret` are required strings") }
        guard let endpoint = oauth["tokenEndpoint"]?.stringValue, let url = URL(string: endpoint),
            isAcceptableEndpoint(url)
        else { throw invalid("`oauth2.tokenEndpoint` must be an https URL (http only on loopback)") }
        let scopes = oauth["scopes"]?.arrayValue ?? []
        let names = scopes.compactMap(\.stringValue)
        guard names.count == scopes.count, names.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
            throw invalid("`oauth2.scopes` must be a list of scope names")
        }
        return .oauth2Client(
            OAuth2ClientCredential(clientID: clientID, clientSecret: secret, tokenEndpoint: endpoint, scopes: names)
        )
    }

    /// https anywhere, plain http only to a loopback host (a local sidecar, tests).
    static func isAcceptableEndpoint(_ url: URL) -> Bool {
        switch url.scheme?.lowercased() {
        case "https": return url.host?.isEmpty == false
        case "http": return ["127.0.0.1", "localhost", "::1", "[::1]"].contains(url.host ?? "")
        default: return false
        }
    }

    /// What a read shows about a stored credential: name, kind, dates and key version, never the secret.
    static func metadata(_ stored: CredentialMetadata) -> JSONValue {
        let format = ISO8601DateFormatter()
        return [
            "name": .string(stored.name),
            "kind": .string(stored.kind == .apiKey ? "ApiKey" : "OAuth2"),
            "createdAt": .string(format.string(from: stored.createdAt)),
            "updatedAt": .string(format.string(from: stored.updatedAt)),
            "keyVersion": .number(Double(stored.keyVersion)),
        ]
    }

    private static func invalid(_ message: String) -> CodedError {
        CodedError.badRequest(message, code: "credentials.invalid_request")
    }
}
