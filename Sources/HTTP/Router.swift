import AgentryCore
import Foundation

/// A handler for one route.
public typealias HTTPHandler = @Sendable (HTTPRequest) async throws -> HTTPResponse

/// Matches method and path patterns such as `/runtimes/:agent/invocations` to handlers.
///
/// Unknown paths answer 404 `http.not_found`; a known path with another method answers 405
/// `http.method_not_allowed`. Handler errors that are ``AgentryError``s become their JSON body; anything else
/// becomes a generic 500 so no internal detail leaks.
public struct Router: Sendable {
    private struct Route: Sendable {
        let method: String
        let segments: [Substring]
        let handler: HTTPHandler
    }

    private var routes: [Route] = []

    /// An empty router.
    public init() {}

    /// Adds a route. Segments starting with `:` capture one path segment under that name.
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping HTTPHandler) {
        routes.append(Route(method: method, segments: Self.split(pattern), handler: handler))
    }

    /// Finds the route for `request` and runs it, turning errors into JSON responses.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let segments = Self.split(request.path)
        var pathMatched = false
        for route in routes {
            guard let parameters = Self.match(route.segments, segments) else { continue }
            pathMatched = true
            guard route.method == request.method else { continue }
            var routed = request
            routed.pathParameters = parameters
            do {
                return try await route.handler(routed)
            } catch let error as any AgentryError {
                return .error(error)
            } catch {
                return .error(CodedError.internalError())
            }
        }
        if pathMatched {
            return .error(CodedError("http.method_not_allowed", "method not allowed on this path", status: 405))
        }
        return .error(CodedError("http.not_found", "no route for this path", status: 404))
    }

    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func match(_ pattern: [Substring], _ path: [Substring]) -> [String: String]? {
        guard pattern.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        for (expected, actual) in zip(pattern, path) {
            if expected.hasPrefix(":") {
                parameters[String(expected.dropFirst())] = String(actual)
            } else if expected != actual {
                return nil
            }
        }
        return parameters
    }
}
