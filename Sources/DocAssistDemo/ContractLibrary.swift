import AgentryCore
import Foundation

/// The contracts of a folder, dealt alternately to the two tenants.
struct ContractLibrary {
    /// One contract: its id (the file name without `.txt`), title line and text.
    struct Contract {
        let id: String
        let title: String
        let text: String
    }

    let byTenant: [String: [Contract]]

    /// Reads every `.txt` file of `directory` (sorted by name) and deals them in turn to `tenants`.
    init(directory: String, tenants: [String], limit: Int?) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".txt") && $0 != "README.txt" }.sorted()
        guard !names.isEmpty, !tenants.isEmpty else {
            throw CodedError("demo.no_contracts", "no .txt contracts in `\(directory)`", status: 400)
        }
        var dealt: [String: [Contract]] = [:]
        for (index, name) in names.prefix(limit ?? names.count).enumerated() {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            let id = Self.documentID(String(name.dropLast(4)))
            let title =
                text.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                .map { String($0.trimmingCharacters(in: .whitespaces).prefix(120)) } ?? id
            dealt[tenants[index % tenants.count], default: []].append(Contract(id: id, title: title, text: text))
        }
        byTenant = dealt
    }

    /// A document id made of the file name's letters, digits, `-`, `_` and `.` (at most 128 characters).
    private static func documentID(_ stem: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        return String(stem.map { allowed.contains($0) ? $0 : "_" }.prefix(128))
    }
}
