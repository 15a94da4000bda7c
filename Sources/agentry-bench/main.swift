import Foundation

// agentry-bench: measurement and proof tools, one subcommand per subject. Wiring only.
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: agentry-bench <subject> [options]
      cedar --dir DIR [--iterations N] [--warmup N] [--json]   Cedar latency beside expected decisions
      cedar diff --cases FILE.jsonl [--fixtures DIR]          differential check of generated cases
      jose [--iterations N]                                   ES256 verify cost against raw OpenSSL
      exchange [--iterations N] [--threads T] [--alg A,B]     RFC 8693 token exchanges/s (TokenExchanger)
      exchange --http [--clients N] [--requests R]            POST /oauth2/token exchanges/s on a loopback server
    """

do {
    switch arguments.first {
    case "cedar":
        exit(try CedarBench.run(Array(arguments.dropFirst())))
    case "jose":
        exit(try JOSEBench.run(Array(arguments.dropFirst())))
    case "exchange":
        exit(try ExchangeBench.run(Array(arguments.dropFirst())))
    default:
        print(usage)
        exit(arguments.first == nil || arguments.first == "help" ? 0 : 2)
    }
} catch let error as BenchUsageError {
    FileHandle.standardError.write(Data("agentry-bench: \(error)\n\(usage)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("agentry-bench: \(error)\n".utf8))
    exit(1)
}
