import Foundation

/// Finds the package root and the files the differential tests use, relative to this source file.
enum PackageLocation {
    /// The first ancestor of this file holding `Package.swift` (symlinks are not resolved, so a mini-package of
    /// symlinks is its own root).
    static var root: URL? {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// `<root>/.venv/bin/python`, when present.
    static var python: URL? {
        guard let url = root?.appendingPathComponent(".venv/bin/python"),
            FileManager.default.isExecutableFile(atPath: url.path)
        else { return nil }
        return url
    }

    /// `<root>/scripts/cedar/differential.py`, when present.
    static var generator: URL? {
        guard let url = root?.appendingPathComponent("scripts/cedar/differential.py"),
            FileManager.default.fileExists(atPath: url.path)
        else { return nil }
        return url
    }

    /// The directory of fixed cases beside this file.
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }
}
