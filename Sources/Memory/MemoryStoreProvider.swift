import Foundation
import Synchronization

/// Opens and caches the SQLite store for each tenant: a silo tenant gets `memory-silo-{tenant}.sqlite` of its own,
/// every pool tenant shares `memory-pool.sqlite`, and platform records live in `memory-platform.sqlite`.
///
/// Use it as ``MemoryService``'s `storeFor`: `MemoryService(storeFor: provider.store(for:))`.
public final class MemoryStoreProvider: Sendable {
    /// Directory the files live in.
    public let dataDirectory: String
    /// Tenants whose memory is siloed in a file of its own.
    public let siloTenants: Set<String>

    private let open: Mutex<[String: SQLiteMemoryStore]> = Mutex([:])

    /// Creates a provider; files are created on first use.
    public init(dataDirectory: String, siloTenants: Set<String>) {
        self.dataDirectory = dataDirectory
        self.siloTenants = siloTenants
    }

    /// The store for `tenant`.
    ///
    /// - Throws: ``MemoryError/tenantRequired`` for an empty tenant, ``MemoryError/invalid(_:)`` for a malformed
    ///   one, ``MemoryError/storeFailed`` when the file cannot be opened.
    public func store(for tenant: String) throws(MemoryError) -> MemoryStore {
        guard !tenant.isEmpty else { throw .tenantRequired }
        let file: String
        if tenant == MemoryService.platformTenant {
            file = "memory-platform.sqlite"
        } else {
            // INVARIANT: a valid identifier holds no `/`, so the file name cannot leave `dataDirectory`.
            try Identifier.require(tenant, "tenant")
            file = siloTenants.contains(tenant) ? "memory-silo-\(tenant).sqlite" : "memory-pool.sqlite"
        }
        let path = (dataDirectory as NSString).appendingPathComponent(file)
        return try open.withLock { (cache: inout [String: SQLiteMemoryStore]) throws(MemoryError) -> MemoryStore in
            if let store = cache[path] { return store }
            let store = try SQLiteMemoryStore(path: path)
            cache[path] = store
            return store
        }
    }
}
