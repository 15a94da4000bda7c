import AgentryCore
import Foundation
import HTTP
import Identity
import Synchronization

/// The three tool endpoints and the token check in front of each.
struct ToolRoutes: Sendable {
    /// One protected route: the audience and scope its token must carry.
    struct Guarded: Sendable {
        let path: String
        let audience: String
        let scope: String
        let required: [String]
    }

    static let routes = [
        Guarded(
            path: "/time-entries",
            audience: "docassist-billing",
            scope: "billing:write",
            required: ["matter", "hours"]
        ),
        Guarded(path: "/case-notes", audience: "docassist-cases", scope: "cases:write", required: ["case", "note"]),
        Guarded(path: "/exports", audience: "docassist-exports", scope: "docs:export", required: []),
    ]

    let issuer: String
    let keys: RemoteJWKS
    let audit: AuditFile?
    let replay = ReplayCache()
    let stored = Counter()

    func router() -> Router {
        var router = Router()
        router.add("GET", "/ping") { _ in .json(["status": "Healthy"]) }
        for route in Self.routes {
            router.add("POST", route.path) { request in try await handle(request, route) }
        }
        return router
    }

    private func handle(_ request: HTTPRequest, _ route: Guarded) async throws -> HTTPResponse {
        let token = try await verify(request, route)
        let body = try JSONValue.parse(request.body)
        for field in route.required where body[field] == .null {
            throw CodedError.badRequest("missing field `\(field)`", code: "tools.missing_field")
        }
        let chain = token.claims.act?.chain ?? []
        let summary: JSONValue = [
            "route": .string(route.path), "aud": .array(token.claims.aud.map(JSONValue.string)),
            "scope": .string(token.claims.scopeString), "act": .array(chain.map(JSONValue.string)),
            "tenant": .string(token.tenantID ?? ""), "sub": .string(token.subject),
        ]
        audit?.append(summary)
        let number = stored.next()
        return .json([
            "status": "recorded", "id": .number(Double(number)), "tenant": .string(token.tenantID ?? ""),
            "received": body,
        ])
    }

    /// Verifies the bearer token for this route: signature, issuer, this route's audience, its scope and `act`.
    private func verify(_ request: HTTPRequest, _ route: Guarded) async throws -> VerifiedToken {
        guard let raw = request.bearerToken else {
            throw CodedError.unauthenticated("bearer token required")
        }
        let verifier = TokenVerifier(
            issuers: [TrustedIssuer(issuer: issuer, keys: keys.keySource, audiences: [route.audience])])
        let token: VerifiedToken
        do {
            token = try verifier.verify(raw)
        } catch let error as IdentityError where error.code == "identity.key_not_found" {
            await keys.refresh()
            token = try verifier.verify(raw)
        }
        guard token.claims.aud == [route.audience] else {
            throw CodedError.forbidden("token is not addressed to this service only", code: "tools.audience")
        }
        guard token.scopes.contains(route.scope) else {
            throw CodedError.forbidden("token lacks this route's scope", code: "tools.scope")
        }
        guard token.claims.act != nil, token.tenantID != nil else {
            throw CodedError.forbidden("token must be delegated and tenant-bound", code: "tools.delegation")
        }
        // Downstream tokens are minted per call: a second use of the same `jti` is a replay.
        guard let jti = token.claims.jti, replay.checkAndRecord(jti: jti, expiresAt: token.expiresAt) else {
            throw CodedError.unauthenticated("token already used", code: "tools.replayed")
        }
        return token
    }
}

/// Appends JSON lines to a file (claims summaries only).
final class AuditFile: Sendable {
    private let handle: Mutex<FileHandle>

    init?(path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        handle.seekToEndOfFile()
        self.handle = Mutex(handle)
    }

    func append(_ value: JSONValue) {
        handle.withLock { $0.write(value.serialized() + Data("\n".utf8)) }
    }
}

/// A thread-safe counter for entry ids.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}
