import AgentryCore
import Foundation
import HTTP

// docassist-agent: serves the AgentCore container contract on 127.0.0.1:$PORT (default 8080).

let port = UInt16(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080
let endpoint = ProcessInfo.processInfo.environment["AGENTRY_ENDPOINT"] ?? "http://127.0.0.1:8787"
let server = HTTPServer(
    configuration: HTTPServerConfiguration(port: port, maxBodyBytes: 1 << 20),
    router: AgentRoutes.router(endpoint: endpoint)
)
do {
    try server.start()
} catch {
    FileHandle.standardError.write(Data("docassist-agent: cannot listen on port \(port)\n".utf8))
    exit(1)
}
while true {
    try await Task.sleep(for: .seconds(3600))
}
