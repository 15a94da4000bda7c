/// Validation for tenant, user, session and memory identifiers.
///
/// An identifier is 1–128 characters from `A–Z a–z 0–9 . _ : @ -`, and does not start with `_` (reserved for the
/// platform). Wildcards, path separators and empty strings are never identifiers, so no id can widen a query.
public enum Identifier {
    /// True when `value` is a well-formed identifier.
    public static func isValid(_ value: String) -> Bool {
        guard (1...128).contains(value.utf8.count), value.first != "_" else { return false }
        return value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }

    /// Returns `value` when valid.
    ///
    /// - Throws: ``MemoryError/invalid(_:)`` naming `field`.
    @discardableResult
    public static func require(_ value: String, _ field: String) throws(MemoryError) -> String {
        guard isValid(value) else { throw .invalid(field) }
        return value
    }
}
