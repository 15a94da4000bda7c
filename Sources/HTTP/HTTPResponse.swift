import AgentryCore
import Foundation

/// A complete HTTP response.
public struct HTTPResponse: Sendable {
    /// Status code.
    public var status: Int
    /// Response headers.
    public var headers: HTTPHeaders
    /// Response body.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response from a ``JSONValue``.
    public static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: headers, body: value.serialized())
    }

    /// A JSON response from any `Encodable` value.
    public static func json<T: Encodable>(encoding value: T, status: Int = 200) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let body = try? encoder.encode(value) else {
            return .error(CodedError.internalError())
        }
        var headers = HTTPHeaders()
        headers.set("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// A plain-text response.
    public static func text(
        _ text: String,
        status: Int = 200,
        contentType: String = "text/plain; charset=utf-8"
    )
        -> HTTPResponse
    {
        var headers = HTTPHeaders()
        headers.set("Content-Type", contentType)
        return HTTPResponse(status: status, headers: headers, body: Data(text.utf8))
    }

    /// The JSON error body `{"error": {"code", "message"}}` with the error's own status.
    public static func error(_ error: any AgentryError) -> HTTPResponse {
        json(["error": ["code": .string(error.code), "message": .string(error.message)]], status: error.status)
    }
}
