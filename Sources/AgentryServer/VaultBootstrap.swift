import AgentryCore
import Foundation
import Vault

#if canImport(Glibc)
import Glibc
#endif

/// Opens the deployment's credential vault, `<dataDir>/vault.sqlite`, with its master key.
///
/// The master key comes from `AGENTRY_MASTER_KEY` (hex or base64) or the file `AGENTRY_MASTER_KEY_FILE` names
/// (mode 0600 or 0400), with older keys in `AGENTRY_MASTER_KEY_PREVIOUS`. When neither is set, a key is generated
/// once into `<dataDir>/master.key` (mode 0600) and a warning is logged at every start: that file sits beside the
/// data it protects, which is fine for development and wrong for production.
enum VaultBootstrap {
    /// The file name of a generated development master key inside the data directory.
    static let generatedKeyFile = "master.key"

    /// Opens the vault under `dataDirectory`.
    /// - Parameters:
    ///   - dataDirectory: the deployment's data directory.
    ///   - environment: the variables to read (default: the process environment).
    /// - Returns: the open vault.
    /// - Throws: `vault.master_key_invalid` for a bad configured key, storage errors for the database.
    static func open(
        dataDirectory: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> CredentialVault {
        let keys = try masterKeys(dataDirectory: dataDirectory, environment: environment)
        return try CredentialVault(path: dataDirectory.appendingPathComponent("vault.sqlite").path, masterKeys: keys)
    }

    /// The configured master keys, or the generated development key.
    static func masterKeys(dataDirectory: URL, environment: [String: String]) throws -> MasterKeyRing {
        let configured = [MasterKey.environmentVariable, MasterKey.fileEnvironmentVariable].contains {
            !(environment[$0] ?? "").isEmpty
        }
        if configured { return try MasterKeyRing.fromEnvironment(environment) }

        let path = dataDirectory.appendingPathComponent(generatedKeyFile).path
        if !FileManager.default.fileExists(atPath: path) { try generateKeyFile(at: path) }
        Logger(label: "agentry.vault").warning(
            "NO MASTER KEY CONFIGURED: using a generated key file; production must set AGENTRY_MASTER_KEY(_FILE)",
            ["vault.master_key_file": path]
        )
        return MasterKeyRing(current: try MasterKey.load(fromFile: path))
    }

    /// Writes 32 random bytes as hex to a new file created with mode 0600 (`O_EXCL`: never over an existing one).
    private static func generateKeyFile(at path: String) throws {
        guard let random = FileHandle(forReadingAtPath: "/dev/urandom") else {
            throw VaultError.cryptoFailure("no randomness source")
        }
        let bytes = random.readData(ofLength: 32)
        try? random.close()
        guard bytes.count == 32 else { throw VaultError.cryptoFailure("no randomness source") }
        let text = Data((bytes.map { String(format: "%02x", $0) }.joined() + "\n").utf8)

        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw VaultError.masterKeyInvalid("master key file cannot be created") }
        defer { close(descriptor) }
        let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == text.count, fsync(descriptor) == 0 else {
            throw VaultError.masterKeyInvalid("master key file cannot be written")
        }
    }
}
