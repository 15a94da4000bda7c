/// A tiny `--name value` / `--flag` argument reader for the benchmark subcommands.
struct BenchArguments {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    /// Reads `arguments`; every `--name` followed by a value that is not itself an option takes that value.
    init(_ arguments: [String]) throws(BenchUsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else { throw BenchUsageError("unexpected argument `\(argument)`") }
            let name = String(argument.dropFirst(2))
            if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                values[name] = arguments[index + 1]
                index += 2
            } else {
                flags.insert(name)
                index += 1
            }
        }
    }

    /// The value of `--name`, if given.
    func string(_ name: String) -> String? { values[name] }

    /// The integer value of `--name`, or `fallback`.
    func integer(_ name: String, default fallback: Int) throws(BenchUsageError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text), value >= 0 else { throw BenchUsageError("`--\(name)` needs a whole number") }
        return value
    }

    /// True when `--name` was given without a value.
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// A command-line mistake; printed with the usage text.
struct BenchUsageError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
