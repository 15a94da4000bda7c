import Foundation
import Identity
import Vault

/// Seals Identity's key-ring private keys with the credential vault: AES-256-GCM under the platform's data key for
/// the shared ring and under the tenant's own data key for a silo tenant's ring, the ring label bound as
/// associated data so a sealed key moved to another ring or slot fails to open.
struct VaultKeySealer: KeySealer {
    /// The vault holding the data keys.
    let vault: CredentialVault
    /// Whose data key seals: `.platform` for the shared ring, `.tenant(id)` for a silo ring.
    let scope: VaultScope

    /// Encrypts a private key for storage under `label`.
    func seal(_ plaintext: Data, label: String) throws -> Data {
        try vault.seal(plaintext, label: label, scope: scope)
    }

    /// Decrypts what ``seal(_:label:)`` returned for the same `label` and scope.
    func open(_ sealed: Data, label: String) throws -> Data {
        try vault.open(sealed, label: label, scope: scope)
    }
}
