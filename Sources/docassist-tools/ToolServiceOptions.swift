import Foundation

/// Command-line options of `docassist-tools`.
struct ToolServiceOptions {
    var port: UInt16 = 8790
    var issuer = "http://127.0.0.1:8787"
    var jwksURL = "http://127.0.0.1:8787/.well-known/jwks.json"
    var auditFile: String?

    static let usage = """
        usage: docassist-tools [--port N] [--issuer URL] [--jwks-url URL] [--audit-file PATH]

        The DocAssist example's downstream tool service: billing time entries, case notes and document exports.
        Every request must carry an Agentry-issued token whose `aud` is this route's service, whose scope holds
        the route's scope, and which names its acting agent in `act`.

          --port N          port on 127.0.0.1 (0 picks a free one; the first output line says which). Default 8790
          --issuer URL      the only accepted `iss`. Default http://127.0.0.1:8787
          --jwks-url URL    where Agentry publishes its keys. Default <issuer>/.well-known/jwks.json
          --audit-file PATH append one JSON line per accepted request (claims summary, never the token)
        """

    /// Parses `arguments` (without the program name); nil after printing usage.
    static func parse(_ arguments: [String]) -> ToolServiceOptions? {
        var options = ToolServiceOptions()
        var explicitJWKS = false
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            guard flag != "--help", flag != "-h", let value = iterator.next() else { return nil }
            switch flag {
            case "--port":
                guard let port = UInt16(value) else { return nil }
                options.port = port
            case "--issuer": options.issuer = value
            case "--jwks-url":
                options.jwksURL = value
                explicitJWKS = true
            case "--audit-file": options.auditFile = value
            default: return nil
            }
        }
        if !explicitJWKS { options.jwksURL = options.issuer + "/.well-known/jwks.json" }
        return options
    }
}
