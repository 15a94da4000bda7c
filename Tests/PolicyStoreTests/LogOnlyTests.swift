import PolicyStore
import Testing

@Suite("log-only candidates and mode")
struct LogOnlyTests {
    static let forbidRetrieve = "@id(\"no-retrieve\")\nforbid (principal, action == Action::\"Retrieve\", resource);"

    @Test("a candidate is evaluated and logged but not enforced")
    func candidateIsLoggedNotEnforced() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        let proposed = try store.administration.proposeCandidate(
            PublishRequest(policies: Fixtures.tenantPermits + "\n" + Self.forbidRetrieve, expectedVersion: 1),
            by: acme
        )
        #expect(proposed.version.role == .candidate)
        #expect(proposed.status.activeVersion == 1 && proposed.status.candidateVersion == 2)

        let decision = Fixtures.decide(store, "Retrieve")
        #expect(decision.allowed)
        #expect(decision.candidate?.version == 2)
        #expect(decision.candidate?.allowed == false)
        #expect(decision.candidate?.reasons == ["tenant/no-retrieve"])
        _ = Fixtures.decide(store, "Ping")

        let log = try store.administration.decisions(LogQuery(), for: acme)
        #expect(log.count == 2)
        #expect(log[0].enforcedAllowed && log[0].candidateAllowed == false && log[0].candidateDiffers)
        #expect(log[0].requestID == "req-1" && log[0].action == "Action::\"Retrieve\"")
        #expect(log[1].candidateDiffers == false)
        #expect(try store.administration.decisions(LogQuery(disagreementsOnly: true), for: acme).count == 1)
        #expect(try store.administration.decisions(LogQuery(), for: try Fixtures.globexAdmin).isEmpty)
    }

    @Test("promote makes the candidate enforced; discard drops it")
    func promoteAndDiscard() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        _ = try store.administration.proposeCandidate(
            PublishRequest(policies: Self.forbidRetrieve, expectedVersion: 1),
            by: acme
        )
        #expect(
            Fixtures.error { _ = try store.administration.promote(CandidateRequest(candidateVersion: 7), by: acme) }?
                .code == "policy.version_conflict"
        )

        let promoted = try store.administration.promote(CandidateRequest(candidateVersion: 2), by: acme)
        #expect(promoted.activeVersion == 2 && promoted.candidateVersion == nil)
        #expect(Fixtures.decide(store, "Retrieve").allowed == false)
        #expect(Fixtures.decide(store, "Retrieve").candidate == nil)

        _ = try store.administration.proposeCandidate(
            PublishRequest(policies: Fixtures.tenantPermits, expectedVersion: 2),
            by: acme
        )
        let discarded = try store.administration.discard(CandidateRequest(), by: acme)
        #expect(discarded.activeVersion == 2 && discarded.candidateVersion == nil && discarded.latestVersion == 3)
        #expect(Fixtures.decide(store, "Retrieve").candidate == nil)
        #expect(
            Fixtures.error { _ = try store.administration.discard(CandidateRequest(), by: acme) }?.code
                == "policy.not_found"
        )
    }

    @Test("the platform layer has no candidate and no log-only mode")
    func platformIsAlwaysEnforced() throws {
        let store = try Fixtures.memoryStore()
        let platform = try Fixtures.platformAdmin
        #expect(
            Fixtures.error {
                _ = try store.administration.proposeCandidate(
                    PublishRequest(policies: "", expectedVersion: 0),
                    by: platform
                )
            }?.code == "policy.unsupported"
        )
        #expect(
            Fixtures.error { _ = try store.administration.setMode(ModeRequest(mode: .logOnly), by: platform) }?
                .code == "policy.unsupported"
        )
        #expect(try store.administration.audit(LogQuery(), for: platform).map(\.outcome) == ["rejected", "rejected"])
    }

    @Test("log-only mode records tenant forbids without enforcing them")
    func logOnlyMode() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(store, Fixtures.tenantPermits + "\n" + Self.forbidRetrieve, by: acme)
        #expect(Fixtures.decide(store, "Retrieve").allowed == false)

        let status = try store.administration.setMode(ModeRequest(mode: .logOnly), by: acme)
        #expect(status.mode == .logOnly)
        let decision = Fixtures.decide(store, "Retrieve")
        #expect(decision.allowed)
        #expect(decision.reasons == ["tenant/readers"])
        #expect(decision.fullEnforcement.allowed == false)
        #expect(decision.fullEnforcement.reasons == ["tenant/no-retrieve"])

        // Default deny still holds in log-only mode.
        #expect(Fixtures.decide(store, "Write").allowed == false)
        let log = try store.administration.decisions(LogQuery(disagreementsOnly: true), for: acme)
        #expect(log.count == 1 && log[0].modeRelaxed && log[0].mode == .logOnly)

        _ = try store.administration.setMode(ModeRequest(mode: .enforce), by: acme)
        #expect(Fixtures.decide(store, "Retrieve").allowed == false)
    }

    @Test("log-only mode never relaxes a platform forbid")
    func logOnlyKeepsPlatformForbids() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(store, Fixtures.platformPolicies, by: try Fixtures.platformAdmin)
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        _ = try store.administration.setMode(ModeRequest(mode: .logOnly), by: acme)
        let purge = Fixtures.decide(store, "Purge")
        #expect(purge.allowed == false)
        #expect(purge.reasons == ["platform/no-purge"])
        #expect(purge.mode == .logOnly)

        // The tenant's log shows the platform layer only as `platform`.
        let record = try #require(try store.administration.decisions(LogQuery(), for: acme).last)
        #expect(record.activeReasons == ["platform"])
        #expect(record.json["activeReasons"] == ["platform"])
    }

    static let awkwardTexts = [
        "@id(\"ünïcode ✓\")\r\npermit (principal, action == Action::\"Retrieve\", resource)\r\n"
            + "  when { context has \"é\" || true };\r\n// trailing ✓ comment\r\n"
            + "@id(\"f\") forbid (principal, action == Action::\"Retrieve\", resource) when { \"€\" == \"€\" };",
        "@id(\"a\") @doc(\"x;y\") permit (principal, action == Action::\"Retrieve\", resource);"
            + "@id(\"f\") forbid (principal, action == Action::\"Retrieve\", resource); // end",
    ]

    @Test("log-only splitting keeps every policy of awkward text", arguments: awkwardTexts)
    func awkwardTextSplits(text: String) throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(store, text, by: acme)
        #expect(Fixtures.decide(store, "Retrieve").reasons == ["tenant/f"])
        _ = try store.administration.setMode(ModeRequest(mode: .logOnly), by: acme)
        let decision = Fixtures.decide(store, "Retrieve")
        #expect(decision.failure == nil)
        #expect(decision.allowed)
        #expect(decision.reasons.count == 1 && decision.reasons[0] != "tenant/f")
    }
}
