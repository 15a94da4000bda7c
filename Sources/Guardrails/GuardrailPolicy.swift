/// What the guardrails enforce for one deployment or tenant.
public struct GuardrailPolicy: Sendable, Equatable {
    /// Block inputs the injection detector flags; default `true`.
    public var blockPromptInjection: Bool
    /// Injection score at or above which an input is blocked, `0...1`; default ``InjectionDetector/defaultThreshold``.
    public var injectionThreshold: Double
    /// Kinds redacted from outputs; default all.
    public var redactedKinds: Set<PIIKind>
    /// Largest input inspected, in UTF-8 bytes; larger inputs are blocked, not passed unchecked. Default 1 MiB.
    public var maxInputBytes: Int

    /// Creates a policy; every parameter has the documented default.
    public init(
        blockPromptInjection: Bool = true,
        injectionThreshold: Double = InjectionDetector.defaultThreshold,
        redactedKinds: Set<PIIKind> = Set(PIIKind.allCases),
        maxInputBytes: Int = 1 << 20
    ) {
        self.blockPromptInjection = blockPromptInjection
        self.injectionThreshold = injectionThreshold
        self.redactedKinds = redactedKinds
        self.maxInputBytes = maxInputBytes
    }
}
