/// Decodes the escapes of Cedar string literals and `like` patterns.
enum StringEscapes {
    /// Decodes a string literal body; `\*` is not allowed outside patterns.
    static func decodeString(_ raw: String) -> Result<String, EscapeError> {
        var out = String.UnicodeScalarView()
        var pattern: [LikePattern.Element] = []
        if let error = decode(raw, allowStar: false, into: &pattern) { return .failure(error) }
        for element in pattern {
            if case .scalar(let scalar) = element { out.append(scalar) }
        }
        return .success(String(out))
    }

    /// Decodes a pattern body: unescaped `*` is a wildcard, `\*` a literal star.
    static func decodePattern(_ raw: String) -> Result<LikePattern, EscapeError> {
        var pattern: [LikePattern.Element] = []
        if let error = decode(raw, allowStar: true, into: &pattern) { return .failure(error) }
        return .success(LikePattern(elements: pattern))
    }

    /// A malformed escape, described in Cedar's words.
    struct EscapeError: Error {
        let message: String
    }

    private static func decode(
        _ raw: String,
        allowStar: Bool,
        into out: inout [LikePattern.Element]
    ) -> EscapeError? {
        let scalars = Array(raw.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "*" && allowStar {
                out.append(.wildcard)
                continue
            }
            guard scalar == "\\", index < scalars.count else {
                out.append(.scalar(scalar))
                continue
            }
            let code = scalars[index]
            index += 1
            switch code {
            case "n": out.append(.scalar("\n"))
            case "r": out.append(.scalar("\r"))
            case "t": out.append(.scalar("\t"))
            case "0": out.append(.scalar("\0"))
            case "\\", "'", "\"": out.append(.scalar(code))
            case "*" where allowStar: out.append(.scalar("*"))
            case "u", "x":
                let decoded = code == "u" ? unicodeEscape(scalars, index) : asciiEscape(scalars, index)
                guard let (scalar, next) = decoded else {
                    let text = code == "u" ? escapeText(scalars, from: index - 2) : asciiEscapeText(scalars, index)
                    return EscapeError(message: "the input `\(text)` is not a valid escape")
                }
                // Cedar unescapes before it looks for wildcards: in a pattern `\u{2a}` and `\x2a` are `*` itself.
                out.append(scalar == "*" && allowStar ? .wildcard : .scalar(scalar))
                index = next
            default:
                return EscapeError(message: "the input `\\\(code)` is not a valid escape")
            }
        }
        return nil
    }

    /// The text of a malformed `\u` escape as Cedar quotes it: through the closing brace when there is one.
    private static func escapeText(_ scalars: [Unicode.Scalar], from start: Int) -> String {
        var end = start + 2
        if end < scalars.count, scalars[end] == "{" {
            while end < scalars.count, scalars[end] != "}", end - start < 12 { end += 1 }
            end = min(end + 1, scalars.count)
        }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// Reads the two hex digits after `\x`: an ASCII character, `\x00` to `\x7f`.
    private static func asciiEscape(_ scalars: [Unicode.Scalar], _ start: Int) -> (Unicode.Scalar, Int)? {
        guard start + 1 < scalars.count, let high = hexValue(scalars[start]), let low = hexValue(scalars[start + 1]),
            high < 8, let scalar = Unicode.Scalar(high * 16 + low)
        else { return nil }
        return (scalar, start + 2)
    }

    /// The text of a malformed `\x` escape as Cedar quotes it: through the first character that is not a hex
    /// digit, or through both digits when the value is out of range.
    private static func asciiEscapeText(_ scalars: [Unicode.Scalar], _ start: Int) -> String {
        var end = start
        while end < scalars.count, end < start + 2 {
            end += 1
            if hexValue(scalars[end - 1]) == nil { break }
        }
        return "\\x" + String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// Reads `{h…}` (1 to 6 hex digits) after `\u`.
    private static func unicodeEscape(_ scalars: [Unicode.Scalar], _ start: Int) -> (Unicode.Scalar, Int)? {
        guard start < scalars.count, scalars[start] == "{" else { return nil }
        var index = start + 1
        var value: UInt32 = 0
        var digits = 0
        while index < scalars.count, scalars[index] != "}" {
            guard let digit = hexValue(scalars[index]), digits < 6 else { return nil }
            value = value * 16 + digit
            digits += 1
            index += 1
        }
        guard index < scalars.count, digits > 0, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, index + 1)
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 48...57: scalar.value - 48
        case 65...70: scalar.value - 55
        case 97...102: scalar.value - 87
        default: nil
        }
    }
}
