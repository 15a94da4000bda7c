import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MasterKey {
    /// The environment variable holding the master key as hex or base64.
    public static let environmentVariable = "AGENTRY_MASTER_KEY"
    /// The environment variable naming a file that holds the master key.
    public static let fileEnvironmentVariable = "AGENTRY_MASTER_KEY_FILE"

    /// Loads a key file holding hex or base64 text, or exactly 32 raw bytes.
    ///
    /// The file must be a regular file with no group or other permission bits (mode 0600 or 0400): a key that
    /// other users could read is refused rather than used.
    /// - Throws: `vault.master_key_invalid` when the file is missing, too open, or not a 32-byte key.
    public static func load(fromFile path: String) throws -> MasterKey {
        var info = stat()
        guard stat(path, &info) == 0 else { throw VaultError.masterKeyInvalid("master key file cannot be read") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw VaultError.masterKeyInvalid("master key file is not a regular file")
        }
        guard (info.st_mode & 0o077) == 0 else {
            throw VaultError.masterKeyInvalid("master key file must not be accessible by group or others")
        }
        guard info.st_size <= 4096, var contents = FileManager.default.contents(atPath: path) else {
            throw VaultError.masterKeyInvalid("master key file cannot be read")
        }
        defer { contents.wipe() }

        // Text forms first; a file of exactly 32 bytes that is not valid key text is taken as raw bytes.
        if let text = String(data: contents, encoding: .utf8), let key = try? MasterKey(text: text) {
            return key
        }
        guard contents.count == AESGCM.keySize else {
            throw VaultError.masterKeyInvalid("master key file does not hold a 32-byte key")
        }
        return try MasterKey(bytes: contents)
    }

    /// Loads the key from `AGENTRY_MASTER_KEY` (hex or base64), else from the file `AGENTRY_MASTER_KEY_FILE` names.
    /// - Parameter environment: the variables to read (default: the process environment).
    /// - Returns: the configured master key.
    /// - Throws: `vault.master_key_invalid` when neither is set or the value is not a key.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> MasterKey {
        if let text = environment[environmentVariable], !text.isEmpty {
            return try MasterKey(text: text)
        }
        if let path = environment[fileEnvironmentVariable], !path.isEmpty {
            return try load(fromFile: path)
        }
        throw VaultError.masterKeyInvalid("no master key is configured")
    }
}
