import Foundation

/// Where a ``TrustedIssuer``'s verification keys come from: looked up by the token header's `kid`.
///
/// The lookup receives only the `kid`; keys embedded in or pointed to by the token (`jwk`, `jku`, `x5u`, `x5c`)
/// are never consulted.
public struct KeySource: Sendable {
    private let lookup: @Sendable (String?) throws -> [VerificationKey]

    /// A source backed by a closure that returns the candidate keys for a `kid` (nil when the header has none).
    /// Closures that fetch remote JWKS should cache; this call is synchronous and on the request path.
    public init(_ lookup: @escaping @Sendable (_ kid: String?) throws -> [VerificationKey]) {
        self.lookup = lookup
    }

    /// A fixed set of keys: matched by exact `kid`, or all of them when the token names no `kid`.
    public static func keys(_ keys: [VerificationKey]) -> KeySource {
        KeySource { kid in
            guard let kid else { return keys }
            return keys.filter { $0.keyID.map { $0.utf8.elementsEqual(kid.utf8) } ?? false }
        }
    }

    /// A fixed JWK Set, parsed once; entries that are not usable verification keys are skipped.
    public static func jwks(_ set: JWKS) -> KeySource {
        keys(set.verificationKeys())
    }

    /// The live keys of a ``KeyRing``, so rotations are seen without reconfiguring.
    public static func keyRing(_ ring: KeyRing) -> KeySource {
        KeySource { kid in ring.verificationKeys(kid: kid) }
    }

    /// The candidate keys for `kid`.
    func candidates(kid: String?) throws -> [VerificationKey] {
        try lookup(kid)
    }
}
