import AgentryCore
import Foundation
import Memory
import Testing

/// A fresh data directory with T1 and T2 sharing the pool file, or siloed when asked.
struct Fixture {
    let directory: String
    let provider: MemoryStoreProvider
    let service: MemoryService

    init(silo: Set<String> = []) {
        directory =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("agentry-memory-\(Identifiers.hex(bytes: 8))").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        provider = MemoryStoreProvider(dataDirectory: directory, siloTenants: silo)
        let provider = provider
        service = MemoryService(storeFor: { try provider.store(for: $0) })
    }

    func scope(_ tenant: String, _ user: String, session: String? = nil) throws -> CallerScope {
        try CallerScope(tenant: tenant, user: user, session: session)
    }

    func count(_ tenant: String, _ user: String) throws -> Int {
        try provider.store(for: tenant).count(tenant: tenant, actorID: user)
    }

    /// Seeds `n` items for a user: alternating events and records.
    func seed(_ tenant: String, _ user: String, _ n: Int) throws {
        let caller = try scope(tenant, user)
        for index in 0..<n {
            if index.isMultiple(of: 2) {
                _ = try service.createEvent(
                    scope: caller,
                    memoryID: "mem-1",
                    sessionID: "S\(index % 3)",
                    payload: .conversational([ConversationalTurn(role: "USER", text: "note \(index)")])
                )
            } else {
                _ = try service.putRecord(
                    scope: caller,
                    memoryID: "mem-1",
                    namespace: "/tenants/\(tenant)/users/\(user)",
                    content: "fact \(index)"
                )
            }
        }
    }
}

@Suite("Memory service")
struct MemoryServiceTests {
    @Test("BUG-21: deleting one user's memories removes exactly theirs", arguments: [Set<String>(), ["T2"]])
    func deleteOneUser(silo: Set<String>) throws {
        let fixture = Fixture(silo: silo)
        try fixture.seed("T1", "user-A", 3)
        try fixture.seed("T1", "user-B", 3)
        try fixture.seed("T2", "user-C", 150)

        let first = try fixture.service.deleteAll(scope: try fixture.scope("T1", "user-A"), forUser: "user-A")
        #expect(first.events + first.records == 3 && first.complete)
        #expect(try fixture.count("T1", "user-A") == 0)
        #expect(try fixture.count("T1", "user-B") == 3)
        #expect(try fixture.count("T2", "user-C") == 150)

        let second = try fixture.service.deleteAll(scope: try fixture.scope("T2", "user-C"), forUser: "user-C")
        #expect(second.events + second.records == 150 && second.complete)
        #expect(try fixture.count("T2", "user-C") == 0)
        #expect(try fixture.count("T1", "user-B") == 3)
    }

    @Test("BUG-21: a bounded delete returns a continuation instead of claiming completion")
    func continuation() throws {
        let fixture = Fixture()
        let provider = fixture.provider
        let service = MemoryService(storeFor: { try provider.store(for: $0) }, deleteBatchLimit: 100)
        try fixture.seed("T2", "user-C", 150)
        let caller = try fixture.scope("T2", "user-C")
        let first = try service.deleteAll(scope: caller, forUser: "user-C")
        #expect(first.events + first.records == 100 && !first.complete)
        let second = try service.deleteAll(scope: caller, forUser: "user-C")
        #expect(second.events + second.records == 50 && second.complete)
    }

    @Test("BUG-21: empty or wildcard user filters are refused with 400", arguments: ["", "*", "{}", "%", " "])
    func wildcardRefused(filter: String) throws {
        let fixture = Fixture()
        try fixture.seed("T1", "user-A", 3)
        try fixture.seed("T1", "user-B", 3)
        let caller = try fixture.scope("T1", "user-A")
        do {
            _ = try fixture.service.deleteAll(scope: caller, forUser: filter)
            Issue.record("broad filter accepted")
        } catch {
            #expect(error == .filterTooBroad && error.status == 400)
        }
        #expect(try fixture.count("T1", "user-A") == 3)
        #expect(try fixture.count("T1", "user-B") == 3)
        #expect(throws: MemoryError.filterTooBroad) {
            try fixture.provider.store(for: "T1").deleteUserData(
                tenant: "T1",
                actorID: filter,
                memoryID: nil,
                limit: 10
            )
        }
    }

    @Test("BUG-21: deleting another user's memories is forbidden")
    func otherUserForbidden() throws {
        let fixture = Fixture()
        try fixture.seed("T1", "user-B", 3)
        #expect(throws: MemoryError.namespaceForbidden) {
            try fixture.service.deleteAll(scope: try fixture.scope("T1", "user-A"), forUser: "user-B")
        }
        #expect(try fixture.count("T1", "user-B") == 3)
    }

    @Test("BUG-01: a session id alone never grants access to another user's or tenant's events")
    func sessionIsolation() throws {
        let fixture = Fixture()
        let secret = EventPayload.conversational([ConversationalTurn(role: "USER", text: "PLACEHOLDER-SECRET-A")])
        _ = try fixture.service.createEvent(
            scope: try fixture.scope("T1", "user-A"),
            memoryID: "mem-1",
            sessionID: "S",
            payload: secret
        )

        let own = try fixture.service.listEvents(
            scope: try fixture.scope("T1", "user-A"),
            memoryID: "mem-1",
            sessionID: "S"
        )
        #expect(own.map(\.payload) == [secret])
        for (tenant, user) in [("T1", "user-B"), ("T2", "user-C")] {
            let other = try fixture.service.listEvents(
                scope: try fixture.scope(tenant, user),
                memoryID: "mem-1",
                sessionID: "S"
            )
            #expect(other.isEmpty)
        }
    }

    @Test("records: own namespaces are writable, others are 403, and retrieval never crosses users")
    func records() throws {
        let fixture = Fixture()
        let alice = try fixture.scope("T1", "user-A")
        let bob = try fixture.scope("T1", "user-B")
        _ = try fixture.service.putRecord(
            scope: alice,
            memoryID: "mem-1",
            namespace: "/tenants/T1/users/user-A",
            content: "likes green tea"
        )
        _ = try fixture.service.putRecord(
            scope: alice,
            memoryID: "mem-1",
            namespace: "/tenants/T1/users/user-A/sessions/S",
            content: "tea order"
        )
        _ = try fixture.service.putRecord(
            scope: bob,
            memoryID: "mem-1",
            namespace: "/tenants/T1/users/user-B",
            content: "likes black tea"
        )
        #expect(throws: MemoryError.namespaceForbidden) {
            try fixture.service.putRecord(
                scope: alice,
                memoryID: "mem-1",
                namespace: "/tenants/T1/users/user-B",
                content: "x"
            )
        }
        #expect(throws: MemoryError.namespaceForbidden) {
            try fixture.service.putRecord(scope: alice, memoryID: "mem-1", namespace: "/tenants/T1", content: "x")
        }

        let found = try fixture.service.retrieveRecords(
            scope: alice,
            memoryID: "mem-1",
            namespace: nil,
            query: "green tea"
        )
        #expect(found.map(\.record.content) == ["likes green tea", "tea order"])
        let tenantWide = try fixture.service.retrieveRecords(
            scope: alice,
            memoryID: "mem-1",
            namespace: "/tenants/T1",
            query: "tea"
        )
        #expect(tenantWide.isEmpty)
        #expect(throws: MemoryError.namespaceForbidden) {
            try fixture.service.retrieveRecords(
                scope: alice,
                memoryID: "mem-1",
                namespace: "/tenants/T1/users/user-B",
                query: "tea"
            )
        }
    }

    @Test("platform records are readable by every tenant and writable by none")
    func platformRecords() throws {
        let fixture = Fixture(silo: ["T2"])
        _ = try fixture.service.putPlatformRecord(memoryID: "mem-1", namespace: "/global", content: "office hours 9-5")
        for (tenant, user) in [("T1", "user-A"), ("T2", "user-C")] {
            let found = try fixture.service.retrieveRecords(
                scope: try fixture.scope(tenant, user),
                memoryID: "mem-1",
                namespace: "/global",
                query: "hours"
            )
            #expect(found.count == 1)
        }
        #expect(throws: MemoryError.namespaceForbidden) {
            try fixture.service.putRecord(
                scope: try fixture.scope("T1", "user-A"),
                memoryID: "mem-1",
                namespace: "/global",
                content: "x"
            )
        }
    }

    @Test("silo tenants get their own file and pool tenants share one")
    func placement() throws {
        let fixture = Fixture(silo: ["T2"])
        try fixture.seed("T1", "user-A", 1)
        try fixture.seed("T2", "user-C", 1)
        try fixture.seed("T3", "user-D", 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.directory).filter {
            $0.hasSuffix(".sqlite")
        }
        #expect(Set(files) == ["memory-pool.sqlite", "memory-silo-T2.sqlite"])
        #expect(throws: MemoryError.tenantRequired) { try fixture.provider.store(for: "") }
    }

    @Test("the store rejects a write without a tenant")
    func storeRejectsEmptyTenant() throws {
        let store = try SQLiteMemoryStore(path: ":memory:")
        let event = MemoryEvent(
            eventID: "e1",
            memoryID: "m",
            actorID: "u",
            sessionID: "s",
            timestamp: Date(),
            payload: .blob(["k": 1])
        )
        #expect(throws: MemoryError.tenantRequired) { try store.insertEvent(event, tenant: "") }
    }

    @Test("events round-trip conversational and blob payloads, newest first")
    func payloads() throws {
        let fixture = Fixture()
        let caller = try fixture.scope("T1", "user-A")
        _ = try fixture.service.createEvent(
            scope: caller,
            memoryID: "mem-1",
            sessionID: "S",
            payload: .conversational([ConversationalTurn(role: "USER", text: "hi")])
        )
        _ = try fixture.service.createEvent(
            scope: caller,
            memoryID: "mem-1",
            sessionID: "S",
            payload: .blob(["k": "v"])
        )
        let events = try fixture.service.listEvents(scope: caller, memoryID: "mem-1", sessionID: "S", limit: 10)
        #expect(
            events.map(\.payload) == [
                .blob(["k": "v"]), .conversational([ConversationalTurn(role: "USER", text: "hi")]),
            ]
        )
        #expect(throws: MemoryError.invalid("payload")) {
            try fixture.service.createEvent(
                scope: caller,
                memoryID: "mem-1",
                sessionID: "S",
                payload: .conversational([])
            )
        }
    }
}
