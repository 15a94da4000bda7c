import Foundation

/// One parsed HTTP request as handlers see it: method, path, decoded query, headers and the whole body.
public struct HTTPRequest: Sendable {
    /// Upper-case method such as `POST`.
    public let method: String
    /// The path without query string, e.g. `/runtimes/docassist/invocations`.
    public let path: String
    /// Decoded query arguments (the last value wins for repeated names).
    public let query: [String: String]
    /// Request headers.
    public let headers: HTTPHeaders
    /// The request body (bounded by the server's body limit).
    public let body: Data
    /// A request id: the caller's `X-Request-Id` when well-formed, otherwise generated.
    public let requestID: String
    /// Path parameters filled in by the ``Router`` (`:agent` → `docassist`).
    public var pathParameters: [String: String] = [:]

    /// Creates a request (the server does this; tests may too).
    public init(
        method: String,
        path: String,
        query: [String: String] = [:],
        headers: HTTPHeaders = HTTPHeaders(),
        body: Data = Data(),
        requestID: String
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.requestID = requestID
    }

    /// The bearer token from `Authorization: Bearer …`, or nil.
    public var bearerToken: String? {
        guard let value = headers["authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}

/// Case-insensitive header fields that keep every value of repeated names.
public struct HTTPHeaders: Sendable, Sequence {
    private var fields: [(name: String, value: String)] = []

    /// An empty header set.
    public init() {}

    /// Headers from name/value pairs, in order.
    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { add(name, value) }
    }

    /// Appends a field, keeping earlier ones of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name.lowercased(), value))
    }

    /// Replaces all fields of `name` with one value.
    public mutating func set(_ name: String, _ value: String) {
        let key = name.lowercased()
        fields.removeAll { $0.name == key }
        fields.append((key, value))
    }

    /// The first value of `name`, case-insensitively.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name == key }?.value
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name == key }.map(\.value)
    }

    /// The fields in order, names lower-cased.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}
