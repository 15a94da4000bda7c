import Foundation

/// What a sealed key file holds once opened: the private key and its place in the rotation schedule.
struct KeyRecord: Codable {
    /// Format version; 1.
    var version: Int
    /// The algorithm the key signs with.
    var algorithm: JWSAlgorithm
    /// When the key starts signing, in seconds since 1970.
    var activatesAt: Double
    /// The private key as PKCS#8 PEM text.
    var pem: String

    private enum CodingKeys: String, CodingKey {
        case version = "v"
        case algorithm = "alg"
        case activatesAt = "activates_at"
        case pem
    }

    /// The record for `entry`.
    init(_ entry: KeySchedule.Entry) throws {
        version = 1
        algorithm = entry.key.algorithm
        activatesAt = entry.activatesAt.timeIntervalSince1970
        pem = String(decoding: try entry.key.pkcs8PEM(), as: UTF8.self)
    }

    /// The entry this record describes, as key number `sequence`.
    func entry(sequence: Int) throws -> KeySchedule.Entry {
        guard version == 1, activatesAt.isFinite else { throw IdentityError.keyStorage("unknown key file version") }
        let key = try SigningKey(pem: Data(pem.utf8), algorithm: algorithm)
        return KeySchedule.Entry(sequence: sequence, key: key, activatesAt: Date(timeIntervalSince1970: activatesAt))
    }

    /// The label a ring's key number `sequence` is sealed under.
    static func label(ring: String, sequence: Int) -> String {
        "agentry.identity.key-ring/\(ring)/\(sequence)"
    }
}
