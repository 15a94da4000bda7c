import AgentryCore

/// The error every `Identity` API throws: a stable code, a client-safe message and the HTTP status it maps to.
///
/// Messages follow the house grammar (lower case, no final period) and never contain a token, a claim value or
/// key material, so `description` is safe to log and to return to a client.
public struct IdentityError: AgentryError, Equatable {
    /// Stable dotted code such as `identity.token_expired`.
    public let code: String
    /// Client-safe explanation.
    public let message: String
    /// HTTP status the edge answers with (401 for token faults, 500 for key and crypto faults).
    public let status: Int

    /// Creates an error; prefer the named constructors below.
    public init(code: String, message: String, status: Int = 401) {
        self.code = code
        self.message = message
        self.status = status
    }
}

extension IdentityError {
    /// The token is not a well-formed compact JWS or its JSON is invalid (bad base64url, duplicate keys, …).
    public static func tokenMalformed(_ message: String = "token is malformed") -> IdentityError {
        IdentityError(code: "identity.token_malformed", message: message)
    }

    /// `exp` is in the past, beyond the allowed clock skew.
    public static let tokenExpired = IdentityError(code: "identity.token_expired", message: "token has expired")

    /// `nbf` or `iat` is in the future, beyond the allowed clock skew.
    public static let tokenNotYetValid = IdentityError(
        code: "identity.token_not_yet_valid",
        message: "token is not valid yet"
    )

    /// A claim the verifier requires (such as `exp` or `iss`) is absent.
    public static func claimMissing(_ name: String) -> IdentityError {
        IdentityError(code: "identity.claim_missing", message: "required claim `\(name)` is missing")
    }

    /// A claim has the wrong JSON type.
    public static func claimInvalid(_ name: String) -> IdentityError {
        IdentityError(code: "identity.token_malformed", message: "claim `\(name)` has an invalid value")
    }

    /// The signature does not verify with any trusted key for the token's `kid` and `alg`.
    public static let signatureInvalid = IdentityError(
        code: "identity.signature_invalid",
        message: "token signature is invalid"
    )

    /// `iss` is not, character for character, one of the trusted issuers.
    public static let issuerUntrusted = IdentityError(
        code: "identity.issuer_untrusted",
        message: "token issuer is not trusted"
    )

    /// `aud` names none of the expected audiences.
    public static let audienceMismatch = IdentityError(
        code: "identity.audience_mismatch",
        message: "token audience is not accepted here"
    )

    /// `alg` is unknown, `none`, symmetric, or outside the verifier's allow-list.
    public static let algorithmNotAllowed = IdentityError(
        code: "identity.algorithm_not_allowed",
        message: "token algorithm is not allowed"
    )

    /// No trusted key matches the token's `kid` and algorithm.
    public static let keyNotFound = IdentityError(
        code: "identity.key_not_found",
        message: "no trusted key matches the token"
    )

    /// The header carries a `crit` entry or another parameter this verifier does not understand.
    public static let headerUnsupported = IdentityError(
        code: "identity.header_unsupported",
        message: "token header has unsupported critical parameters"
    )

    /// The header's `typ` is neither `JWT` nor `at+jwt`.
    public static let typeUnsupported = IdentityError(
        code: "identity.type_unsupported",
        message: "token type is not accepted"
    )

    /// The token's `tenant_id` contradicts the tenant bound to its issuer.
    public static let tenantMismatch = IdentityError(
        code: "identity.tenant_mismatch",
        message: "token tenant does not match its issuer"
    )

    /// The token's `jti` was already seen before it expired.
    public static let tokenReplayed = IdentityError(code: "identity.token_replayed", message: "token was replayed")

    /// A JWK or PEM key could not be used (wrong type, wrong curve, off-curve point, too short, …).
    public static func keyInvalid(_ message: String = "key is invalid or unsupported") -> IdentityError {
        IdentityError(code: "identity.key_invalid", message: message, status: 500)
    }

    /// Reading or writing key files failed.
    public static func keyStorage(_ message: String) -> IdentityError {
        IdentityError(code: "identity.key_storage", message: message, status: 500)
    }

    /// OpenSSL reported a failure while signing, hashing or generating.
    public static func cryptoFailure(_ message: String = "cryptographic operation failed") -> IdentityError {
        IdentityError(code: "identity.crypto_failure", message: message, status: 500)
    }

    /// A caller passed an argument the API cannot honour (for example a non-positive TTL).
    public static func invalidArgument(_ message: String) -> IdentityError {
        IdentityError(code: "identity.invalid_argument", message: message, status: 500)
    }
}
