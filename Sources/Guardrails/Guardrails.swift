/// The guardrails the invocation path calls: injection screening on input, PII and secret redaction on output.
///
/// Fails closed: a detector that cannot run blocks the input (``GuardrailError/unavailable``) and a redactor that
/// cannot run replaces the whole output. Errors never echo the input.
public struct Guardrails: Sendable {
    /// The policy in force.
    public let policy: GuardrailPolicy

    private let detector: InjectionDetector
    private let redactor: PIIRedactor

    /// Builds the detectors for `policy`.
    public init(policy: GuardrailPolicy = GuardrailPolicy()) {
        self.init(
            policy: policy,
            detector: InjectionDetector(threshold: policy.injectionThreshold),
            redactor: PIIRedactor(kinds: policy.redactedKinds)
        )
    }

    /// Uses caller-supplied detectors (tests, custom signal sets).
    public init(policy: GuardrailPolicy, detector: InjectionDetector, redactor: PIIRedactor) {
        self.policy = policy
        self.detector = detector
        self.redactor = redactor
    }

    /// Screens an input and returns the detection when it may pass.
    ///
    /// - Throws: ``GuardrailError/promptInjection`` (400) when blocked, ``GuardrailError/inputTooLarge`` (400) when
    ///   over ``GuardrailPolicy/maxInputBytes``, ``GuardrailError/unavailable`` (503) when the detector cannot run.
    @discardableResult
    public func checkInput(_ text: String) throws(GuardrailError) -> Detection {
        guard text.utf8.count <= policy.maxInputBytes else { throw .inputTooLarge }
        let detection = try detector.evaluate(text)
        if policy.blockPromptInjection && detection.isInjection { throw .promptInjection }
        return detection
    }

    /// Scores an input without blocking, for audit and dry runs.
    public func inspectInput(_ text: String) -> Detection { detector.detect(text) }

    /// Redacts an output (or a tool argument, or a prompt bound upstream).
    public func redactOutput(_ text: String) -> RedactionResult { redactor.redact(text) }

    /// A stream redactor with this policy's kinds, for SSE or chunked outputs.
    public func makeStreamRedactor() -> StreamRedactor { StreamRedactor(redactor: redactor) }
}
