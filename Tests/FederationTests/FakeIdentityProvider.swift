import AgentryCore
import Foundation
import HTTP
import Identity
import Synchronization

/// An OpenID provider on 127.0.0.1 serving discovery and a JWKS that tests can change, break, and count.
final class FakeIdentityProvider: Sendable {
    struct State {
        var keys: [SigningKey] = []
        var discoveryIssuer: String?
        var down = false
        var cacheControl: String?
        var padding = 0
        var jwksHits = 0
        var discoveryHits = 0
    }

    /// Shared with the route handlers.
    final class Box: Sendable {
        let mutex = Mutex(State())

        func withLock<T>(_ body: (inout State) -> T) -> T { mutex.withLock { body(&$0) } }
    }

    let state = Box()
    private let server: HTTPServer

    init(keys: [SigningKey]) throws {
        let state = self.state
        state.withLock { $0.keys = keys }
        var router = Router()
        router.add("GET", "/.well-known/openid-configuration") { request in
            let (issuer, down) = state.withLock { current in
                current.discoveryHits += 1
                return (current.discoveryIssuer, current.down)
            }
            if down { return .text("unavailable", status: 503) }
            let host = request.headers["host"] ?? ""
            return .json([
                "issuer": .string(issuer ?? "http://\(host)"), "jwks_uri": .string("http://\(host)/jwks"),
            ])
        }
        router.add("GET", "/jwks") { _ in
            let snapshot = state.withLock { current in
                current.jwksHits += 1
                return current
            }
            if snapshot.down { return .text("unavailable", status: 503) }
            var body = try JWKS(keys: snapshot.keys.map(\.publicJWK)).jsonData()
            if snapshot.padding > 0 { body = Data(repeating: UInt8(ascii: " "), count: snapshot.padding) + body }
            var headers = HTTPHeaders([("Content-Type", "application/jwk-set+json")])
            if let cacheControl = snapshot.cacheControl { headers.set("Cache-Control", cacheControl) }
            return HTTPResponse(status: 200, headers: headers, body: body)
        }
        server = HTTPServer(configuration: HTTPServerConfiguration(port: 0), router: router)
        try server.start()
    }

    /// The issuer string this provider's discovery names by default.
    var issuer: String { "http://127.0.0.1:\(server.port)" }
    var discoveryURL: URL { URL(string: issuer + "/.well-known/openid-configuration")! }
    var jwksURL: URL { URL(string: issuer + "/jwks")! }
    var jwksHits: Int { state.withLock { $0.jwksHits } }

    func stop() { server.stop() }
}

/// A settable clock starting at the real time, so tokens signed now are valid.
final class TestClock: Sendable {
    private let seconds = Mutex<TimeInterval>(Date().timeIntervalSince1970.rounded(.down))

    var now: @Sendable () -> Date {
        { Date(timeIntervalSince1970: self.seconds.withLock { $0 }) }
    }

    func advance(_ delta: TimeInterval) {
        seconds.withLock { $0 += delta }
    }
}

/// Signs test tokens.
enum TestTokens {
    /// A compact JWT with header `{"typ":"JWT","kid":…}`, `exp` an hour after `now`, and `claims` on top.
    static func make(
        key: SigningKey,
        kid: String? = nil,
        issuer: String,
        now: Date,
        claims: [String: JSONValue]
    ) throws -> String {
        var payload: [String: JSONValue] = [
            "iss": .string(issuer), "sub": "user-1", "iat": .number(now.timeIntervalSince1970),
            "exp": .number(now.timeIntervalSince1970 + 3600),
        ]
        payload.merge(claims) { _, new in new }
        return try CompactJWS.sign(
            header: ["typ": "JWT", "kid": .string(kid ?? key.kid)],
            payload: JSONValue.object(payload).serialized(),
            with: key
        )
    }
}
