import AgentryRelay
import Foundation

#if canImport(Glibc)
import Glibc
#endif

// agentry-portal: runs inside a sandbox that has a network of its own. It relays Agentry's calls, arriving on a
// Unix socket in the sandbox directory, to the agent's port on the sandbox's loopback, and the agent's calls to
// Agentry (127.0.0.1:<agentry port> inside) out through another Unix socket; then runs the agent and exits with it.
//
// usage: agentry-portal INBOUND_SOCKET AGENT_PORT OUTBOUND_SOCKET AGENTRY_PORT -- PROGRAM [ARGUMENTS…]

let arguments = CommandLine.arguments
guard arguments.count >= 7, arguments[5] == "--", let agentPort = UInt16(arguments[2]),
    let agentryPort = UInt16(arguments[4])
else {
    FileHandle.standardError.write(Data("usage: agentry-portal IN PORT OUT PORT -- PROGRAM [ARGS…]\n".utf8))
    exit(2)
}
do {
    _ = try Relay.start(listen: .unix(arguments[1]), target: .loopback(agentPort))
    _ = try Relay.start(listen: .loopback(agentryPort), target: .unix(arguments[3]))
} catch {
    FileHandle.standardError.write(Data("agentry-portal: cannot open its sockets\n".utf8))
    exit(1)
}

var pid: pid_t = 0
let program = Array(arguments[6...])
let argv = program.map { strdup($0) } + [nil]
guard posix_spawn(&pid, program[0], nil, nil, argv, environ) == 0 else {
    FileHandle.standardError.write(Data("agentry-portal: cannot start the agent\n".utf8))
    exit(1)
}
var status: Int32 = 0
while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
exit((status & 0x7f) == 0 ? (status >> 8) & 0xff : 1)
