import Foundation

/// Locates `/work/shared`-style fixtures as `../shared` beside the package root, following symlinks.
public enum SharedCorpus {
    /// The package root: the first ancestor of this file that holds `Package.swift`.
    public static var packageRoot: URL? {
        var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// `../shared/corpus/contracts`, if present.
    public static var contractsDirectory: URL? {
        guard let root = packageRoot else { return nil }
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/contracts")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Every contract as (id, text), sorted by file name; empty when the corpus is absent.
    public static func contracts() -> [(id: String, text: String)] {
        guard let directory = contractsDirectory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.filter { $0.hasPrefix("cuad_") && $0.hasSuffix(".txt") }.sorted().compactMap { name in
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else {
                return nil
            }
            return (String(name.dropLast(4)), text)
        }
    }

    /// True when the contracts are there.
    public static var isPresent: Bool { !contracts().isEmpty }
}
