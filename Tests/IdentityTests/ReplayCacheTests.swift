import Foundation
import Identity
import Synchronization
import Testing

@Suite("ReplayCache")
struct ReplayCacheTests {
    @Test("accepts a jti once until it expires, then again")
    func once() {
        let now = Mutex(TestSupport.now)
        let cache = ReplayCache(clock: { now.withLock { $0 } })
        let expiry = TestSupport.now.addingTimeInterval(60)
        #expect(cache.checkAndRecord(jti: "j1", expiresAt: expiry))
        #expect(!cache.checkAndRecord(jti: "j1", expiresAt: expiry))
        #expect(cache.checkAndRecord(jti: "j2", expiresAt: expiry))
        now.withLock { $0 = expiry.addingTimeInterval(1) }
        #expect(cache.checkAndRecord(jti: "j1", expiresAt: expiry.addingTimeInterval(60)))
        #expect(!cache.checkAndRecord(jti: "j3", expiresAt: expiry))
    }

    @Test("fails closed when full of live ids, and purges expired ones to make room")
    func capacity() {
        let now = Mutex(TestSupport.now)
        let cache = ReplayCache(capacity: 2, clock: { now.withLock { $0 } })
        #expect(cache.checkAndRecord(jti: "a", expiresAt: TestSupport.now.addingTimeInterval(10)))
        #expect(cache.checkAndRecord(jti: "b", expiresAt: TestSupport.now.addingTimeInterval(100)))
        #expect(!cache.checkAndRecord(jti: "c", expiresAt: TestSupport.now.addingTimeInterval(100)))
        now.withLock { $0 = TestSupport.now.addingTimeInterval(20) }
        #expect(cache.checkAndRecord(jti: "c", expiresAt: TestSupport.now.addingTimeInterval(100)))
    }

    @Test("exactly one of many concurrent submissions of a jti wins")
    func concurrent() async {
        let cache = ReplayCache()
        // Far in the future: on a loaded machine the tasks may start long after the test does.
        let expiry = Date().addingTimeInterval(86_400)
        let wins = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 { group.addTask { cache.checkAndRecord(jti: "same", expiresAt: expiry) } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(wins == 1)
    }

    @Test("records verified tokens and refuses their replay")
    func verifiedTokens() throws {
        let fixture = try Fixture()
        let verified = try fixture.verifier.verify(try fixture.issuer.issue(Claims(sub: "u", aud: ["api"]), ttl: 60))
        let cache = ReplayCache(clock: TestSupport.clock())
        try cache.record(verified)
        #expect(throws: IdentityError.tokenReplayed) { try cache.record(verified) }
    }
}
