import AgentryCore

/// The error every guardrail throws: a stable code, a generic message and the HTTP status it maps to.
///
/// Messages never echo the prompt, the matched signal text or any redacted value: a caller learns that a guardrail
/// fired, not what it saw.
public struct GuardrailError: AgentryError, Equatable {
    /// Stable dotted code such as `guardrail.prompt_injection`.
    public let code: String
    /// Client-safe explanation in the Cedar error grammar.
    public let message: String
    /// HTTP status at the edge.
    public let status: Int

    /// Creates an error; prefer the named constructors below.
    public init(code: String, message: String, status: Int) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// 400: the input was judged to be a prompt injection or jailbreak attempt.
    public static let promptInjection = GuardrailError(
        code: "guardrail.prompt_injection",
        message: "input blocked by guardrail policy",
        status: 400
    )

    /// 400: the input is larger than the guardrail will inspect, so it is blocked rather than passed unchecked.
    public static let inputTooLarge = GuardrailError(
        code: "guardrail.input_too_large",
        message: "input exceeds the size the guardrail inspects",
        status: 400
    )

    /// 503: a detector could not run; the request is blocked (fail closed) instead of passing through unchecked.
    public static let unavailable = GuardrailError(
        code: "guardrail.unavailable",
        message: "guardrail could not evaluate the request",
        status: 503
    )

    /// 502: a streamed output could not be masked safely, so the stream ends instead of leaking text.
    public static let streamUnmaskable = GuardrailError(
        code: "guardrail.stream_unmaskable",
        message: "output stream could not be masked",
        status: 502
    )
}
