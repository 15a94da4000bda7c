import AgentryCore

/// JSON-RPC 2.0 framing for MCP.
enum JSONRPC {
    static let parseError = -32700
    static let invalidRequest = -32600
    static let methodNotFound = -32601
    static let invalidParams = -32602
    static let internalError = -32603
    /// Server-defined: the caller may not do this (policy deny).
    static let forbidden = -32003
    /// Server-defined: too many calls.
    static let rateLimited = -32029

    /// A request or notification after validation.
    struct Message {
        let id: JSONValue?
        let method: String
        let params: JSONValue
        var isNotification: Bool { id == nil }
    }

    /// Validates one element; returns the message or the error response to send.
    static func validate(_ value: JSONValue) -> Result<Message, JSONRPCFailure> {
        guard let object = value.objectValue else {
            return .failure(JSONRPCFailure(id: .null, code: invalidRequest, message: "invalid request"))
        }
        let id = object["id"]
        if let id, !isValidID(id) {
            return .failure(JSONRPCFailure(id: .null, code: invalidRequest, message: "invalid request id"))
        }
        guard object["jsonrpc"] == "2.0", let method = object["method"]?.stringValue else {
            return .failure(JSONRPCFailure(id: id ?? .null, code: invalidRequest, message: "invalid request"))
        }
        return .success(Message(id: id, method: method, params: object["params"] ?? .object([:])))
    }

    static func result(id: JSONValue, _ result: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id, "result": result]
    }

    static func error(id: JSONValue, code: Int, message: String, data: JSONValue? = nil) -> JSONValue {
        var error: [String: JSONValue] = ["code": .number(Double(code)), "message": .string(message)]
        if let data { error["data"] = data }
        return ["jsonrpc": "2.0", "id": id, "error": .object(error)]
    }

    private static func isValidID(_ id: JSONValue) -> Bool {
        switch id {
        case .string: return true
        // Beyond 2^53 a Double cannot echo the id exactly, so such ids are refused rather than altered.
        case .number(let value): return value.rounded() == value && abs(value) <= 9_007_199_254_740_991
        default: return false
        }
    }
}

/// A JSON-RPC error to send back, with the HTTP status it maps to when it is the only reply.
struct JSONRPCFailure: Error {
    let id: JSONValue
    let code: Int
    let message: String
    var data: JSONValue? = nil
    /// The audit outcome of a refused tool call.
    var outcome: String = "invalid"
    var httpStatus: Int = 200

    var response: JSONValue { JSONRPC.error(id: id, code: code, message: message, data: data) }
}
