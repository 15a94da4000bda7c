import Foundation

/// Reads and writes the fixed cases kept in `Fixtures/`, one JSON file per case.
enum FixtureStore {
    /// The file names of every fixture, sorted; empty when there are none.
    static func names(in directory: URL = PackageLocation.fixtures) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    /// Decodes one fixture.
    static func load(_ name: String, in directory: URL = PackageLocation.fixtures) throws -> DifferentialCase {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(DifferentialCase.self, from: data)
    }

    /// Writes `fixture` as `<name>.json`, pretty-printed with sorted keys so diffs stay readable.
    static func save(_ fixture: DifferentialCase, in directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try encoder.encode(fixture).write(to: directory.appendingPathComponent("\(fixture.name).json"))
    }
}
