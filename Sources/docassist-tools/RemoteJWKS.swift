import AgentryCore
import Foundation
import HTTP
import Identity
import Synchronization

/// Agentry's published keys, fetched over HTTP and refreshed at most once per `minimumRefresh` seconds.
final class RemoteJWKS: Sendable {
    private let url: URL
    private let minimumRefresh: TimeInterval
    private let state = Mutex<(keys: JWKS, fetched: Date)>((JWKS(keys: []), .distantPast))

    init(url: URL, minimumRefresh: TimeInterval = 10) {
        self.url = url
        self.minimumRefresh = minimumRefresh
    }

    /// The cached keys as a key source for `TokenVerifier`.
    var keySource: KeySource {
        KeySource { [self] kid in
            let keys = self.state.withLock { $0.keys }
            let matching = kid.map { keys.keys(withID: $0) } ?? keys.keys
            return JWKS(keys: matching).verificationKeys()
        }
    }

    /// Fetches the key set unless it was fetched within `minimumRefresh` (so unknown `kid`s cannot flood Agentry).
    func refresh() async {
        let due = state.withLock { Date().timeIntervalSince($0.fetched) >= minimumRefresh }
        guard due, let response = try? await HTTPClient().send("GET", url, timeout: 5), response.status == 200,
            let keys = try? JWKS.parse(response.body)
        else { return }
        state.withLock { $0 = (keys, Date()) }
    }
}
