import Foundation

extension CredentialVault {
    /// The four bytes every sealed blob starts with (format version 1).
    static let sealedMagic = Data("AVS1".utf8)

    /// Encrypts arbitrary bytes (for example an Identity signing key file) under the data key of `scope`.
    ///
    /// The blob is `AVS1 ‖ key version (4 bytes, big-endian) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`, and the tag
    /// also covers the scope, `label` and key version, so it opens only with the same scope and label.
    /// - Parameters:
    ///   - plaintext: the bytes to protect.
    ///   - label: what the bytes are, e.g. `identity.signing-key.000001`; must be given again to open.
    ///   - scope: whose data key to use (default: the platform's).
    /// - Returns: the sealed blob, safe to write to disk.
    /// - Throws: `vault.invalid_argument` for a bad label or tenant, `vault.*` key and crypto errors.
    public func seal(_ plaintext: Data, label: String, scope: VaultScope = .platform) throws -> Data {
        let owner = try scope.owner()
        let label = try Self.validName(label)
        return try database.transaction { tx in
            let (version, key) = try currentDataKey(owner: owner, tx)
            let aad = AssociatedData.sealed(tenant: owner, label: label, keyVersion: version)
            let box = try AESGCM.seal(plaintext, key: key, aad: aad)
            var blob = Self.sealedMagic
            withUnsafeBytes(of: UInt32(version).bigEndian) { blob.append(contentsOf: $0) }
            blob.append(box.nonce)
            blob.append(box.sealed)
            return blob
        }
    }

    /// Decrypts a blob made by ``seal(_:label:scope:)`` with the same `label` and `scope`.
    /// - Throws: `vault.decrypt_failed` when the blob was altered or the label or scope differ,
    ///   `vault.data_key_missing` when its data key version was purged, `vault.corrupted` for a foreign format.
    public func open(_ blob: Data, label: String, scope: VaultScope = .platform) throws -> Data {
        let owner = try scope.owner()
        let label = try Self.validName(label)
        let bytes = [UInt8](blob)
        let header = Self.sealedMagic.count + 4
        guard bytes.count >= header + AESGCM.nonceSize + AESGCM.tagSize, Data(bytes[0..<4]) == Self.sealedMagic
        else { throw VaultError.corrupted }
        let version = bytes[4..<8].reduce(0) { $0 << 8 | Int($1) }
        let nonce = Data(bytes[header..<(header + AESGCM.nonceSize)])
        let sealed = Data(bytes[(header + AESGCM.nonceSize)...])
        return try database.transaction { tx in
            let key = try dataKey(owner: owner, version: version, tx)
            let aad = AssociatedData.sealed(tenant: owner, label: label, keyVersion: version)
            return try AESGCM.open(sealed, nonce: nonce, key: key, aad: aad)
        }
    }
}
