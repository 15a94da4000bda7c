import AgentryCore

/// Refuses request framing that two parsers could read differently (request smuggling), and bodies whose
/// declared length already exceeds the limit.
enum FramingCheck {
    /// Returns the error to answer with, or nil when the framing is unambiguous.
    static func inspect(_ fields: [(String, String)], maxBody: Int) -> CodedError? {
        let names = fields.map { $0.0.lowercased() }
        let lengths = fields.filter { $0.0.lowercased() == "content-length" }.map(\.1)
        if lengths.count > 1 {
            return ambiguous("more than one `Content-Length` header")
        }
        if !lengths.isEmpty && names.contains("transfer-encoding") {
            return ambiguous("`Content-Length` together with `Transfer-Encoding`")
        }
        if names.filter({ $0 == "host" }).count > 1 {
            return ambiguous("more than one `Host` header")
        }
        if let declared = lengths.first {
            guard let value = Int(declared.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                return ambiguous("invalid `Content-Length`")
            }
            if value > maxBody {
                return CodedError("http.body_too_large", "request body exceeds the configured limit", status: 413)
            }
        }
        return nil
    }

    private static func ambiguous(_ what: String) -> CodedError {
        CodedError("http.ambiguous_framing", "ambiguous request framing: \(what)", status: 400)
    }
}
