import Foundation

/// Encrypts key material at rest: a ``KeyRing`` seals every private key it writes and opens it when it loads.
///
/// `label` names what is sealed (for example `agentry.identity.key-ring/platform/3`); an implementation must bind
/// it to the ciphertext (as AES-GCM associated data, say) so a sealed key moved to another ring or slot fails to
/// open. The credential vault implements this with AES-256-GCM under a data key.
public protocol KeySealer: Sendable {
    /// Encrypts `plaintext` for storage under `label`.
    /// - Throws: any error; the ring reports it as `identity.key_storage`.
    func seal(_ plaintext: Data, label: String) throws -> Data

    /// Decrypts what ``seal(_:label:)`` returned for the same `label`.
    /// - Throws: any error when the data was tampered with, sealed under another label, or by another sealer.
    func open(_ sealed: Data, label: String) throws -> Data
}
