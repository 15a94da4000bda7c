import AgentryCore

/// The error every `Vault` API throws: a stable code, a client-safe message and the HTTP status it maps to.
///
/// Messages never contain secret material, key bytes, or the names of secrets, so `description` is safe to log
/// and to return to any tenant.
public struct VaultError: AgentryError, Equatable {
    /// Stable dotted code such as `vault.not_found`.
    public let code: String
    /// Client-safe explanation.
    public let message: String
    /// HTTP status the edge answers with.
    public let status: Int

    /// Creates an error; prefer the named constructors below.
    public init(code: String, message: String, status: Int = 500) {
        self.code = code
        self.message = message
        self.status = status
    }
}

extension VaultError {
    /// No secret of that name exists for the calling tenant (other tenants' secrets are never hinted at).
    public static let notFound = VaultError(code: "vault.not_found", message: "credential not found", status: 404)

    /// The master key is missing, unreadable, badly encoded, the wrong size, or stored with loose permissions.
    public static func masterKeyInvalid(_ message: String) -> VaultError {
        VaultError(code: "vault.master_key_invalid", message: message)
    }

    /// A data key was wrapped by a master key that is not configured (neither current nor previous).
    public static let masterKeyUnknown = VaultError(
        code: "vault.master_key_unknown",
        message: "data key was wrapped by a master key that is not configured"
    )

    /// Authenticated decryption failed: wrong key, tampered bytes, or a ciphertext moved to another row or tenant.
    public static let decryptFailed = VaultError(code: "vault.decrypt_failed", message: "ciphertext failed to open")

    /// The data key version a ciphertext names does not exist for its tenant.
    public static let dataKeyMissing = VaultError(
        code: "vault.data_key_missing",
        message: "the data key version for this ciphertext is not available"
    )

    /// OpenSSL reported a failure (no randomness, cipher unavailable, …).
    public static func cryptoFailure(_ message: String = "cryptographic operation failed") -> VaultError {
        VaultError(code: "vault.crypto_failure", message: message)
    }

    /// The caller passed a value the vault cannot accept (empty tenant or name, reserved tenant id, …).
    public static func invalidArgument(_ message: String) -> VaultError {
        VaultError(code: "vault.invalid_argument", message: message, status: 400)
    }

    /// A stored row or sealed blob is not in the format this vault writes.
    public static let corrupted = VaultError(code: "vault.corrupted", message: "stored vault data is malformed")
}
