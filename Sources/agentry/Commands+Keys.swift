import AgentryCore
import AgentryServer
import Foundation
import Identity

/// `agentry keys list|rotate`: the deployment's signing key rings on disk (a running server picks up rotations).
extension Commands {
    static func keys(_ arguments: Arguments) throws -> Int32 {
        try arguments.only(["--config", "--data-dir", "--port", "--tenant"])
        let selector = try keySelector(arguments)
        let admin = try KeyRotationAdmin(config: try loadConfig(arguments))
        switch arguments.positional.first {
        case "list":
            let reports = try admin.list(selector)
            if arguments.has("--json") {
                print(JSONValue.array(reports.map(keyReportJSON)).serializedString())
            } else {
                printKeyTable(reports)
            }
            return 0
        case "rotate":
            guard let selector else { throw UsageError("`keys rotate` needs `--platform` or `--tenant ID`") }
            let (ring, key) = try admin.rotate(selector)
            if arguments.has("--json") {
                print(JSONValue.object(["ring": .string(ring), "key": keyJSON(key)]).serializedString())
            } else {
                let algorithm = key.algorithm.rawValue
                print("\(ring): new \(algorithm) key \(key.kid) published, signs from \(stamp(key.activatesAt))")
            }
            return 0
        case let other?: throw UsageError("unknown keys command `\(other)`")
        case nil: throw UsageError("a keys command is required (`list` or `rotate`)")
        }
    }

    /// `--platform`, `--tenant ID`, or neither (every ring); never both.
    private static func keySelector(_ arguments: Arguments) throws -> KeyRotationAdmin.Selector? {
        switch (arguments.has("--platform"), arguments.flags["--tenant"]) {
        case (true, nil): return .platform
        case (false, let tenant?): return .tenant(tenant)
        case (false, nil): return nil
        case (true, _?): throw UsageError("give `--platform` or `--tenant ID`, not both")
        }
    }

    private static func printKeyTable(_ reports: [KeyRotationAdmin.Report]) {
        let header = ["RING", "KID", "ALG", "STATE", "ACTIVATES", "RETIRED", "REMOVABLE"]
        var rows = [header]
        for report in reports {
            if report.keys.isEmpty {
                rows.append([report.ring, "(no keys yet)", report.algorithm.rawValue, "", "", "", ""])
            }
            for key in report.keys {
                rows.append([
                    report.ring, key.kid, key.algorithm.rawValue, key.phase.rawValue, stamp(key.activatesAt),
                    key.retiredAt.map(stamp) ?? "-", key.removableAt.map(stamp) ?? "-",
                ])
            }
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map {
                $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
    }

    private static func keyReportJSON(_ report: KeyRotationAdmin.Report) -> JSONValue {
        [
            "ring": .string(report.ring), "tenant": report.tenant.map(JSONValue.string) ?? .null,
            "algorithm": .string(report.algorithm.rawValue), "keys": .array(report.keys.map(keyJSON)),
        ]
    }

    private static func keyJSON(_ key: ScheduledKey) -> JSONValue {
        [
            "kid": .string(key.kid), "alg": .string(key.algorithm.rawValue), "state": .string(key.phase.rawValue),
            "activatesAt": .string(preciseStamp(key.activatesAt)),
            "retiredAt": key.retiredAt.map { .string(preciseStamp($0)) } ?? .null,
            "removableAt": key.removableAt.map { .string(preciseStamp($0)) } ?? .null,
        ]
    }

    /// A UTC ISO 8601 time to the second.
    private static func stamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// A UTC ISO 8601 time to the millisecond (JSON output, read by scripts).
    private static func preciseStamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
