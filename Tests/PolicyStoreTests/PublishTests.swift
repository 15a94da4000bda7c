import AgentryCore
import Foundation
import PolicyStore
import Storage
import Synchronization
import Testing

@Suite("publishing and reading versions")
struct PublishTests {
    @Test("a publish creates version 1 and reads back exactly")
    func publishAndRead() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        let response = try store.administration.publish(
            PublishRequest(policies: Fixtures.tenantPermits, expectedVersion: 0, comment: "first"),
            by: acme
        )
        #expect(response.version.version == 1)
        #expect(response.version.policyIDs == ["readers", "purgers"])
        #expect(response.version.author == "acme/alice")
        #expect(response.version.role == .active)
        #expect(response.status.activeVersion == 1)
        #expect(response.status.latestVersion == 1)

        let read = try store.administration.version(1, for: acme)
        #expect(read.policies == Fixtures.tenantPermits)
        #expect(read.info.comment == "first")
        #expect(read.info.contentHash == response.version.contentHash)
        #expect(read.info.contentHash.count == 64)
        #expect(try store.administration.current(for: acme)?.policies == Fixtures.tenantPermits)
    }

    @Test("a stale expectedVersion is a conflict and writes nothing")
    func versionConflict() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        let error = Fixtures.error {
            _ = try store.administration.publish(
                PublishRequest(policies: "", expectedVersion: 0),
                by: acme
            )
        }
        #expect(error?.code == "policy.version_conflict")
        #expect(error?.status == 409)
        #expect(try store.administration.versions(for: acme).count == 1)
    }

    @Test("rollback republishes an old version's content as a new version")
    func rollback() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        let first = try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        try Fixtures.publish(store, "@id(\"none\")\nforbid (principal, action, resource);", by: acme)
        #expect(Fixtures.decide(store, "Retrieve").allowed == false)

        let rolled = try store.administration.rollback(RollbackRequest(toVersion: 1, expectedVersion: 2), by: acme)
        #expect(rolled.version.version == 3)
        #expect(rolled.version.contentHash == first.version.contentHash)
        #expect(try store.administration.version(3, for: acme).policies == Fixtures.tenantPermits)
        #expect(Fixtures.decide(store, "Retrieve").allowed)
        #expect(try store.administration.versions(for: acme).map(\.role) == [.inactive, .inactive, .active])

        let missing = Fixtures.error {
            _ = try store.administration.rollback(RollbackRequest(toVersion: 9, expectedVersion: 3), by: acme)
        }
        #expect(missing?.code == "policy.not_found")
    }

    static let invalidTexts: [(String, String)] = [
        ("permit (principal, action, resource", "policy.parse_error"),
        ("permit (principal, action, resource);", "policy.id_missing"),
        (
            "@id(\"a\") permit (principal, action, resource);\n@id(\"a\") forbid (principal, action, resource);",
            "policy.parse_error"
        ),
        ("@id(\"t\") permit (principal == ?principal, action, resource);", "policy.template_unsupported"),
    ]

    @Test("invalid policy text is refused with findings and nothing half-written", arguments: invalidTexts)
    func invalidText(text: String, code: String) throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        let error = Fixtures.error {
            _ = try store.administration.publish(PublishRequest(policies: text, expectedVersion: 1), by: acme)
        }
        #expect(error?.code == "policy.invalid")
        #expect(error?.status == 400)
        #expect(error?.findings.contains { $0.code == code } == true)
        #expect(error?.message.contains("permit") == false)

        // Nothing changed: one version, still active, still enforced.
        let status = try store.administration.status(for: acme)
        #expect(status.latestVersion == 1 && status.activeVersion == 1)
        #expect(try store.administration.versions(for: acme).count == 1)
        #expect(Fixtures.decide(store, "Retrieve").allowed)
        let audit = try store.administration.audit(LogQuery(), for: acme)
        #expect(audit.last?.outcome == "rejected")
        #expect(audit.last?.code == "policy.invalid")
    }

    @Test("a validator finding refuses the change; a warning does not")
    func validationHook() throws {
        let validator = ClosureValidator { policies, schema in
            var findings: [PolicyFinding] = []
            if schema == nil { findings.append(PolicyFinding(severity: .warning, code: "v.no_schema", message: "x")) }
            for id in policies.policyIDs where id.hasPrefix("bad") {
                findings.append(PolicyFinding(code: "v.bad", message: "bad policy", policyID: id))
            }
            return findings
        }
        let store = try Fixtures.memoryStore(validator: validator)
        let acme = try Fixtures.acmeAdmin
        let accepted = try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        #expect(accepted.warnings.map(\.code) == ["v.no_schema"])

        let error = Fixtures.error {
            try Fixtures.publish(store, "@id(\"bad1\") permit (principal, action, resource);", by: acme)
        }
        #expect(error?.code == "policy.invalid")
        #expect(error?.findings.filter { $0.severity == .error }.map(\.policyID) == ["bad1"])
        #expect(try store.administration.status(for: acme).latestVersion == 1)
    }

    @Test("the validator sees the tenant's schema, kept across publishes and removable")
    func schemaHandling() throws {
        let seen = SchemaLog()
        let store = try Fixtures.memoryStore(
            validator: ClosureValidator { _, schema in
                seen.append(schema)
                return []
            }
        )
        let platform = try Fixtures.platformAdmin
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(store, Fixtures.platformPolicies, by: platform, schema: .replace("platform-schema"))
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme, schema: .replace("acme-schema"))
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme, schema: .replace(nil))
        #expect(seen.values == ["platform-schema", "platform-schema", "acme-schema", "acme-schema", "platform-schema"])
        #expect(try store.administration.version(3, for: acme).schema == "acme-schema")
        #expect(try store.administration.version(4, for: acme).info.hasSchema == false)
    }

    @Test("diffs report policies added, removed and changed by id")
    func diff() throws {
        let store = try Fixtures.memoryStore()
        let acme = try Fixtures.acmeAdmin
        try Fixtures.publish(store, Fixtures.tenantPermits, by: acme)
        let second = """
            @id("readers")
            permit (principal, action == Action::"Retrieve", resource) when { context has "x" };

            @id("writers") // new: naïve écriture ✓
            permit (principal, action == Action::"Write", resource);
            """
        try Fixtures.publish(store, second, by: acme)
        let diff = try store.administration.diff(from: 1, to: 2, for: acme)
        #expect(diff.added == ["writers"])
        #expect(diff.removed == ["purgers"])
        #expect(diff.changed == ["readers"])
        #expect(diff.json["added"] == ["writers"])
    }

    @Test("requests read from JSON with their limits")
    func requestJSON() throws {
        let body = try JSONValue.parse(#"{"policies": "x", "expectedVersion": 3, "schema": "", "comment": "c"}"#)
        let request = try PublishRequest(json: body)
        #expect(request.expectedVersion == 3)
        #expect(request.schema == .replace(nil))
        #expect(try PublishRequest(json: ["policies": "x", "expectedVersion": 0]).schema == .keep)
        #expect(Fixtures.error { _ = try PublishRequest(json: ["policies": "x"]) }?.code == "policy.bad_request")
        #expect(Fixtures.error { _ = try PublishRequest(json: ["policies": 1, "expectedVersion": 0]) } != nil)
        #expect(try ModeRequest(json: ["mode": "log_only"]).mode == .logOnly)
        #expect(Fixtures.error { _ = try ModeRequest(json: ["mode": "loud"]) }?.status == 400)
        #expect(try CandidateRequest(json: [:]).candidateVersion == nil)
        #expect(try LogQuery(parameters: ["limit": "5000"]).limit == 1_000)
        let error = PolicyStoreError.invalid([PolicyFinding(code: "a", message: "b", line: 1, column: 2)])
        #expect(error.json["error"]["findings"].arrayValue?.first?["line"] == 1)
    }
}

/// Collects the schemas a validator was called with.
final class SchemaLog: Sendable {
    private let storage = Mutex<[String?]>([])
    func append(_ value: String?) { storage.withLock { $0.append(value) } }
    var values: [String?] { storage.withLock { $0 } }
}
