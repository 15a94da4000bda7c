import AgentryCore
import Foundation

/// Locates `../shared` beside the package root (the directory holding `Package.swift` above this file).
enum SharedCorpus {
    static func directory(filePath: String = #filePath) -> URL? {
        var url = URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                let shared = url.deletingLastPathComponent().appendingPathComponent("shared")
                return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
            }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    /// Reads a JSONL file under `shared/`, or nil when it is absent.
    static func records(_ relativePath: String) -> [JSONValue]? {
        guard let base = directory() else { return nil }
        let file = base.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8)
        else { return nil }
        return text.split(separator: "\n").compactMap { try? JSONValue.parse(String($0)) }
    }
}

/// Counts hits over a total and formats the share.
struct Tally {
    var hits = 0
    var total = 0

    mutating func add(_ hit: Bool) {
        total += 1
        if hit { hits += 1 }
    }

    var rate: Double { total == 0 ? 0 : Double(hits) / Double(total) }
    var percent: String { String(format: "%.1f%% (%d/%d)", rate * 100, hits, total) }
}
