import Foundation

/// `--flag value` pairs and positional words of a command line.
struct Arguments {
    private(set) var flags: [String: String] = [:]
    private(set) var positional: [String] = []
    private(set) var switches: Set<String> = []

    /// Flags that take no value.
    static let booleanFlags: Set<String> = ["--json", "--help", "-h", "--version", "--platform"]

    init(_ words: [String]) throws {
        var iterator = words.makeIterator()
        while let word = iterator.next() {
            if Self.booleanFlags.contains(word) {
                switches.insert(word)
            } else if word.hasPrefix("--") {
                guard let value = iterator.next() else { throw UsageError("`\(word)` needs a value") }
                flags[word] = value
            } else {
                positional.append(word)
            }
        }
    }

    /// The same command line without its first positional word (a subcommand's own arguments).
    func droppingFirstWord() -> Arguments {
        var copy = self
        copy.positional = Array(positional.dropFirst())
        return copy
    }

    /// The value of `flag`, or `fallback`.
    func value(_ flag: String, default fallback: String) -> String { flags[flag] ?? fallback }

    /// True when a boolean flag was given.
    func has(_ flag: String) -> Bool { switches.contains(flag) }

    /// Fails when a flag outside `allowed` was given.
    func only(_ allowed: Set<String>) throws {
        if let unknown = flags.keys.first(where: { !allowed.contains($0) }) {
            throw UsageError("unknown option `\(unknown)`")
        }
    }
}

/// A command line that cannot be run; printed with the usage text, exit code 2.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
