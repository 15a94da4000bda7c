import AgentryCore
import Foundation

// agentry: the command-line entry point. Each command is wired in `Commands`.

// Files Agentry creates (stores, keys, logs) are private to its user, whichever command creates them first.
umask(0o077)

let words = Array(CommandLine.arguments.dropFirst())
let command = words.first ?? "--help"
let help: [String: String] = [
    "serve": HelpText.serve, "demo": HelpText.demo, "token": HelpText.token, "ingest": HelpText.ingest,
    "report": HelpText.report, "policy": HelpText.policy, "keys": HelpText.keys,
]

do {
    let arguments = try Arguments(Array(words.dropFirst()))
    if command == "--version" {
        print("agentry 0.1.0")
        exit(0)
    }
    if command == "--help" || command == "-h" || command == "help" {
        print(words.count > 1 ? help[words[1]] ?? HelpText.main : HelpText.main)
        exit(0)
    }
    if arguments.has("--help") || arguments.has("-h") {
        print(help[command] ?? HelpText.main)
        exit(0)
    }
    let status: Int32
    switch command {
    case "serve": status = try await Commands.serve(arguments)
    case "demo": status = try await Commands.demo(arguments)
    case "token": status = try Commands.token(arguments)
    case "ingest": status = try Commands.ingest(arguments)
    case "report": status = try Commands.report(arguments)
    case "policy": status = try Commands.policy(arguments)
    case "keys": status = try Commands.keys(arguments)
    default: throw UsageError("unknown command `\(command)`")
    }
    exit(status)
} catch let error as UsageError {
    FileHandle.standardError.write(Data("agentry: \(error.message)\n\n\(help[command] ?? HelpText.main)\n".utf8))
    exit(2)
} catch let error as any AgentryError {
    FileHandle.standardError.write(Data("agentry: \(error.code): \(error.message)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("agentry: \(error)\n".utf8))
    exit(1)
}
