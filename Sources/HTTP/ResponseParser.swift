import AgentryCore
import Foundation

/// Parses a complete HTTP/1.1 response read to the end of the connection.
enum ResponseParser {
    static let malformed = CodedError("http.upstream_malformed", "upstream sent a malformed response", status: 502)

    static func parse(_ raw: Data) throws -> HTTPResponse {
        let separator = Data("\r\n\r\n".utf8)
        guard let split = raw.range(of: separator) else { throw malformed }
        let head = String(decoding: raw[raw.startIndex..<split.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw malformed
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw malformed }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Data(raw[split.upperBound...])
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try dechunk(body)
        } else if let declared = headers["content-length"].flatMap(Int.init) {
            guard declared >= 0, declared <= body.count else { throw malformed }
            body = body.prefix(declared)
        }
        return HTTPResponse(status: status, headers: headers, body: Data(body))
    }

    /// Decodes a chunked body (extensions and trailers are ignored).
    static func dechunk(_ data: Data) throws -> Data {
        var output = Data()
        var index = data.startIndex
        let crlf = Data("\r\n".utf8)
        while true {
            guard let lineEnd = data.range(of: crlf, in: index..<data.endIndex) else { throw malformed }
            let sizeText =
                String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self)
                .split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
                throw malformed
            }
            index = lineEnd.upperBound
            if size == 0 { return output }
            guard data.distance(from: index, to: data.endIndex) >= size + 2 else { throw malformed }
            let end = data.index(index, offsetBy: size)
            output.append(data[index..<end])
            index = data.index(end, offsetBy: 2)
        }
    }
}
