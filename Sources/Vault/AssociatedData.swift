import Foundation

/// Builds the AES-GCM associated data that binds a ciphertext to where it belongs.
///
/// Each field is written as a 4-byte big-endian length and its UTF-8 bytes, after a purpose string, so no two
/// different field lists can produce the same bytes.
enum AssociatedData {
    /// For a stored credential: tenant, secret name, kind and data key version.
    static func credential(tenant: String, name: String, kind: CredentialKind, keyVersion: Int) -> Data {
        encode(["agentry.vault.credential.v1", tenant, name, kind.rawValue, String(keyVersion)])
    }

    /// For a data key wrapped by a master key.
    static func dataKey(tenant: String, version: Int, masterKeyID: String) -> Data {
        encode(["agentry.vault.data-key.v1", tenant, String(version), masterKeyID])
    }

    /// For a blob made by ``CredentialVault/seal(_:label:scope:)``.
    static func sealed(tenant: String, label: String, keyVersion: Int) -> Data {
        encode(["agentry.vault.sealed.v1", tenant, label, String(keyVersion)])
    }

    private static func encode(_ fields: [String]) -> Data {
        var data = Data()
        for field in fields {
            let bytes = Data(field.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { data.append(contentsOf: $0) }
            data.append(bytes)
        }
        return data
    }
}
