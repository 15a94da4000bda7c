import Foundation
import Storage
import Vault

/// A vault in a fresh temporary directory, with helpers to inspect and tamper with its file.
struct VaultFixture {
    let directory: URL
    let path: String
    let master: MasterKey
    let vault: CredentialVault

    init(master: MasterKey? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("vault.sqlite").path
        self.master = try master ?? MasterKey.generate()
        vault = try CredentialVault(path: path, masterKeys: MasterKeyRing(current: self.master))
    }

    /// A second connection to the same file, for tampering as an attacker with database access would.
    func rawDatabase() throws -> SQLiteDatabase {
        try SQLiteDatabase(path: path)
    }

    /// Every byte of the database file and its WAL and shared-memory companions.
    func fileBytes() -> Data {
        var all = Data()
        for suffix in ["", "-wal", "-shm", "-journal"] {
            if let data = FileManager.default.contents(atPath: path + suffix) { all.append(data) }
        }
        return all
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

extension Data {
    /// A copy with byte `index` (negative counts from the end) XOR-ed with 0x01.
    func flippingByte(at index: Int) -> Data {
        var copy = Data(self)
        let position = index >= 0 ? index : copy.count + index
        copy[copy.startIndex + position] ^= 0x01
        return copy
    }
}
