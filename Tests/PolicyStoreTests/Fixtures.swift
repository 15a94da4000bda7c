import Authorization
import Foundation
import PolicyStore
import Storage
import Testing

/// Shared builders for the policy-store tests.
enum Fixtures {
    static var platformAdmin: PolicyCaller { get throws { try .platformAdmin(actor: "ops/root") } }
    static var acmeAdmin: PolicyCaller { get throws { try .tenantAdmin(tenant: "acme", actor: "acme/alice") } }
    static var globexAdmin: PolicyCaller { get throws { try .tenantAdmin(tenant: "globex", actor: "globex/bob") } }

    /// A platform layer that forbids `Purge` for everyone and permits `Ping`.
    static let platformPolicies = """
        @id("no-purge")
        forbid (principal, action == Action::"Purge", resource);

        @id("ping")
        permit (principal, action == Action::"Ping", resource);
        """

    /// A tenant layer that permits `Retrieve` and `Purge` (the platform's forbid must still win on `Purge`).
    static let tenantPermits = """
        @id("readers")
        permit (principal, action == Action::"Retrieve", resource);

        @id("purgers")
        permit (principal, action == Action::"Purge", resource);
        """

    /// A store in a fresh in-memory database.
    static func memoryStore(validator: any PolicyValidating = AcceptingValidator()) throws -> PolicyStore {
        try PolicyStore(database: SQLiteDatabase(path: ":memory:"), validator: validator, decisionLogBatch: 4)
    }

    /// A path for a database file in a fresh temporary directory.
    static func temporaryDatabasePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("policystore-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("policies.sqlite").path
    }

    /// Publishes `text` as the caller's next version, expecting the current latest.
    @discardableResult
    static func publish(
        _ store: PolicyStore,
        _ text: String,
        by caller: PolicyCaller,
        schema: SchemaChange = .keep
    ) throws -> PublishResponse {
        let latest = try store.administration.status(for: caller).latestVersion
        return try store.administration.publish(
            PublishRequest(policies: text, schema: schema, expectedVersion: latest),
            by: caller
        )
    }

    /// Decides `action` by `acme/alice` (or another tenant's user) on a knowledge base.
    static func decide(_ store: PolicyStore, _ action: String, tenant: String = "acme") -> LayeredDecision {
        let user = EntityUID(type: "User", id: tenant + "/alice")
        let tenantUID = EntityUID(type: "Tenant", id: tenant)
        let resource = EntityUID(type: "KnowledgeBase", id: "kb1")
        let entities = Entities([
            Entity(uid: user, attributes: ["tenant": .string(tenant)], parents: [tenantUID]),
            Entity(uid: tenantUID), Entity(uid: resource),
        ])
        let request = AuthorizationRequest(
            principal: user,
            action: EntityUID(type: "Action", id: action),
            resource: resource
        )
        return store.engine.decide(tenant: tenant, request: request, entities: entities, requestID: "req-1")
    }

    /// Runs `body` and returns the `PolicyStoreError` it throws (failing the test when it throws none).
    static func error(_ body: () throws -> Void) -> PolicyStoreError? {
        do {
            try body()
            Issue.record("expected a PolicyStoreError")
            return nil
        } catch let error as PolicyStoreError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }
}
