import Foundation
import Synchronization

/// Places tenants' knowledge stores under a data directory: one SQLite file per silo tenant, one shared pool file.
///
/// Layout: `<dataDirectory>/knowledge/pool.sqlite` for every pool tenant, and
/// `<dataDirectory>/knowledge/silo-<tenant>.sqlite` for each silo tenant. A tenant id made only of ASCII letters,
/// digits, `-`, `_` and `.` (not starting with `.`) is used as is; any other id is written as `silo~<hex of its
/// UTF-8 bytes>`, so no id can escape the directory or collide with another. Stores are opened once and cached.
public final class KnowledgeStoreDirectory: Sendable {
    /// The directory holding the store files.
    public let directory: URL
    /// Tenants that get a store of their own.
    public let siloTenants: Set<String>

    private let open: Mutex<[String: SQLiteKnowledgeStore]> = Mutex([:])

    /// Creates the directory (if needed) under `dataDirectory`.
    public init(dataDirectory: URL, siloTenants: Set<String>) throws {
        directory = dataDirectory.appendingPathComponent("knowledge", isDirectory: true)
        self.siloTenants = siloTenants
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// A provider for ``KnowledgeService/init(storeFor:embedder:chunker:maximumDocumentBytes:maximumTopK:)``.
    public var storeProvider: KnowledgeService.StoreProvider {
        { [self] tenant in try self.store(for: tenant) }
    }

    /// The file that holds `tenant`'s data.
    public func fileURL(for tenant: String) -> URL {
        guard siloTenants.contains(tenant) else { return directory.appendingPathComponent("pool.sqlite") }
        return directory.appendingPathComponent("silo-\(Self.fileSafe(tenant)).sqlite")
    }

    /// The (cached) store for `tenant`.
    ///
    /// - Throws: ``KnowledgeError/tenantRequired`` for a blank id, or an error opening the file.
    public func store(for tenant: String) throws -> SQLiteKnowledgeStore {
        try ScopeCheck.validate(tenant: tenant, kb: "-")
        let path = fileURL(for: tenant).path
        return try open.withLock { stores in
            if let store = stores[path] { return store }
            let store = try SQLiteKnowledgeStore(path: path)
            stores[path] = store
            return store
        }
    }

    /// `tenant` as a file-name fragment that cannot traverse directories.
    static func fileSafe(_ tenant: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.".unicodeScalars)
        if tenant.count <= 100, !tenant.hasPrefix("."), tenant.unicodeScalars.allSatisfy(allowed.contains) {
            return tenant
        }
        return "~" + tenant.utf8.prefix(100).map { String(format: "%02x", $0) }.joined()
    }
}
