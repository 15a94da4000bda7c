import Authorization

/// One generated case: a policy set and an entity store, with requests answered by the reference engine.
///
/// The shape is what `scripts/cedar/differential.py` writes, one case a line; a fixture file holds one case with
/// one request.
struct DifferentialCase: Codable, Sendable {
    /// `seed<S>-set<N>`, or a fixture's name.
    var name: String
    /// Cedar policy text.
    var policies: String
    /// Cedar entity JSON, as text so 64-bit integers stay exact.
    var entities: String
    /// The requests, each with the reference answer.
    var requests: [DifferentialRequest]
    /// Why the case was kept, for fixtures.
    var note: String?
}

/// A request and the reference engine's answer to it.
struct DifferentialRequest: Codable, Sendable {
    var principal: EntityReference
    var action: EntityReference
    var resource: EntityReference
    /// The context object as JSON text.
    var context: String
    /// cedarpy's answer.
    var expected: DifferentialAnswer
}

/// `{"type", "id"}`.
struct EntityReference: Codable, Sendable {
    var type: String
    var id: String

    var uid: EntityUID { EntityUID(type: type, id: id) }
}

/// An engine's answer in comparable form.
struct DifferentialAnswer: Codable, Hashable, Sendable, CustomStringConvertible {
    /// `allow`, `deny`, `policies_error`, `entities_error` or `request_error`.
    var outcome: String
    /// Determining policy ids, sorted.
    var reasons: [String]
    /// Erroring policy ids, sorted.
    var errors: [String]

    static func failure(_ outcome: String) -> DifferentialAnswer {
        DifferentialAnswer(outcome: outcome, reasons: [], errors: [])
    }

    var description: String { "\(outcome) reasons=\(reasons) errors=\(errors)" }
}
