import Federation
import Foundation
import Identity
import Synchronization

/// A fetcher that serves one JWKS from memory, optionally slowly or failing, and counts calls.
final class ScriptedFetcher: JWKSFetching {
    struct Script {
        var jwks: JWKS
        var maxAge: TimeInterval?
        var failing = false
        var delay: Duration = .zero
        var calls = 0
    }

    private let script: Mutex<Script>

    init(jwks: JWKS, maxAge: TimeInterval? = nil) {
        script = Mutex(Script(jwks: jwks, maxAge: maxAge))
    }

    var calls: Int { script.withLock { $0.calls } }

    func update(_ change: (inout Script) -> Void) {
        script.withLock { change(&$0) }
    }

    func fetch(_ url: URL) async throws -> FetchedDocument {
        let current = script.withLock { current in
            current.calls += 1
            return current
        }
        if current.delay > .zero { try await Task.sleep(for: current.delay) }
        if current.failing { throw FederationError.fetchFailed("identity provider is unreachable") }
        return FetchedDocument(body: try current.jwks.jsonData(), maxAge: current.maxAge)
    }
}
