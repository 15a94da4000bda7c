/// One piece of evidence that an input tries to override, jailbreak or extract the assistant's instructions.
///
/// A signal has a stable dotted `name` (reported in ``Detection/signals``) and a `weight` in `0...1`, read as the
/// chance that an input showing only this signal is an attack. ``InjectionDetector`` combines the weights of the
/// signals that fire as independent evidence: `score = 1 − Π(1 − weight)`.
public struct InjectionSignal: Sendable {
    /// How a signal inspects the normalised input.
    public enum Matcher: Sendable {
        /// A regular expression run over ``NormalizedText/folded`` and ``NormalizedText/deobfuscated``.
        case pattern(Pattern)
        /// A regular expression run over ``NormalizedText/compact`` (letters only, no spaces).
        case compact(Pattern)
        /// A structural test over the whole normalised input.
        case structural(@Sendable (NormalizedText) -> Bool)
    }

    /// Stable dotted name, such as `override.ignore_previous`.
    public let name: String
    /// Strength of the evidence, `0...1`.
    public let weight: Double
    /// The test itself.
    public let matcher: Matcher

    /// Creates a signal from a regular expression over the folded and de-obfuscated views.
    ///
    /// - Throws: ``GuardrailError/unavailable`` when `pattern` does not compile.
    public init(name: String, weight: Double, pattern: String) throws {
        self.init(name: name, weight: weight, matcher: .pattern(try Pattern(pattern)))
    }

    /// Creates a signal from any matcher.
    public init(name: String, weight: Double, matcher: Matcher) {
        self.name = name
        self.weight = min(max(weight, 0), 1)
        self.matcher = matcher
    }

    /// True when the signal fires on `text`.
    public func fires(on text: NormalizedText) -> Bool {
        switch matcher {
        case .pattern(let pattern):
            return pattern.matches(text.folded)
                || (text.deobfuscated != text.folded && pattern.matches(text.deobfuscated))
        case .compact(let pattern):
            return pattern.matches(text.compact)
        case .structural(let test):
            return test(text)
        }
    }
}
