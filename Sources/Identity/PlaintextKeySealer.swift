import Foundation

/// A ``KeySealer`` that does not encrypt: for tests and development only.
///
/// It still binds the label, so tests can check that a sealed key cannot be moved between rings or slots: the
/// stored form is `agentry-plaintext-v1\n<label>\n<plaintext>`.
public struct PlaintextKeySealer: KeySealer {
    private static let magic = "agentry-plaintext-v1\n"

    /// Creates the sealer.
    public init() {}

    /// Returns `plaintext` prefixed with a marker and `label`.
    public func seal(_ plaintext: Data, label: String) throws -> Data {
        Data((Self.magic + label + "\n").utf8) + plaintext
    }

    /// Strips the marker and label, refusing data sealed under another label or not by this sealer.
    /// - Throws: `IdentityError.keyStorage` on a mismatch.
    public func open(_ sealed: Data, label: String) throws -> Data {
        let prefix = Data((Self.magic + label + "\n").utf8)
        guard sealed.starts(with: prefix) else { throw IdentityError.keyStorage("sealed key does not open") }
        return sealed.dropFirst(prefix.count)
    }
}
