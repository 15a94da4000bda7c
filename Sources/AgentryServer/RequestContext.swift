import AgentryCore
import Foundation
import HTTP
import Telemetry

/// What every authenticated route handler works with: the verified principal, a logger carrying the request and
/// tenant ids, and the trace the request belongs to.
struct RequestContext: Sendable {
    let request: HTTPRequest
    let principal: Principal
    let logger: Logger
    /// The caller's trace (from `traceparent`), or nil to start a new one.
    let parentTrace: TraceContext?

    init(_ request: HTTPRequest, principal: Principal) {
        self.request = request
        self.principal = principal
        self.parentTrace = TraceContext.parse(request.headers["traceparent"])
        self.logger = Logger(
            label: "agentry.http",
            metadata: [LogKey.request: request.requestID, LogKey.tenant: principal.tenant]
        )
    }

    /// The JSON body; 400 `request.malformed_json` otherwise.
    func json() throws -> JSONValue {
        try JSONValue.parse(request.body)
    }

    /// A path parameter that the router guarantees.
    func parameter(_ name: String) -> String {
        request.pathParameters[name] ?? ""
    }
}

extension JSONValue {
    /// Every string leaf, depth first (for guardrail inspection).
    var stringLeaves: [String] {
        switch self {
        case .string(let text): return [text]
        case .array(let items): return items.flatMap(\.stringLeaves)
        case .object(let members): return members.keys.sorted().compactMap { members[$0] }.flatMap(\.stringLeaves)
        default: return []
        }
    }

    /// The same document with every string leaf passed through `transform`.
    func mapStrings(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case .string(let text): return .string(transform(text))
        case .array(let items): return .array(items.map { $0.mapStrings(transform) })
        case .object(let members): return .object(members.mapValues { $0.mapStrings(transform) })
        default: return self
        }
    }
}
