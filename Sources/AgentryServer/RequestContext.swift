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
    /// Every string in the document — object keys as well as values — depth first (for guardrail inspection:
    /// text hidden in a key reaches an agent just the same).
    var stringLeaves: [String] {
        switch self {
        case .string(let text): return [text]
        case .array(let items): return items.flatMap(\.stringLeaves)
        case .object(let members):
            return members.keys.sorted().flatMap { key in [key] + (members[key]?.stringLeaves ?? []) }
        default: return []
        }
    }

    /// The same document with every string — keys included — passed through `transform`.
    func mapStrings(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case .string(let text): return .string(transform(text))
        case .array(let items): return .array(items.map { $0.mapStrings(transform) })
        case .object(let members):
            let pairs = members.map { (transform($0.key), $0.value.mapStrings(transform)) }
            return .object(Dictionary(pairs) { first, _ in first })
        default: return self
        }
    }
}
