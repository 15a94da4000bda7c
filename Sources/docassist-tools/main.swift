import AgentryCore
import Foundation
import HTTP

// docassist-tools: the DocAssist example's downstream service. See `ToolServiceOptions.usage`.

guard let options = ToolServiceOptions.parse(Array(CommandLine.arguments.dropFirst())),
    let jwksURL = URL(string: options.jwksURL)
else {
    print(ToolServiceOptions.usage)
    exit(CommandLine.arguments.contains("--help") ? 0 : 2)
}
let keys = RemoteJWKS(url: jwksURL)
let routes = ToolRoutes(issuer: options.issuer, keys: keys, audit: options.auditFile.flatMap(AuditFile.init(path:)))
let server = HTTPServer(configuration: HTTPServerConfiguration(port: options.port), router: routes.router())
do {
    try server.start()
} catch {
    FileHandle.standardError.write(Data("docassist-tools: cannot listen on port \(options.port)\n".utf8))
    exit(1)
}
FileHandle.standardOutput.write(Data("listening on port \(server.port)\n".utf8))
await keys.refresh()
while true {
    try await Task.sleep(for: .seconds(3600))
}
