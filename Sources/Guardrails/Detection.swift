/// The outcome of running ``InjectionDetector`` on one input.
public struct Detection: Sendable, Equatable, CustomStringConvertible {
    /// Combined evidence in `0...1`: `1 − Π(1 − weight)` over the signals that fired.
    public let score: Double
    /// Names of the signals that fired, in catalog order. Names only: never the matched text.
    public let signals: [String]
    /// The threshold the verdict was taken against.
    public let threshold: Double

    /// Creates a detection.
    public init(score: Double, signals: [String], threshold: Double) {
        self.score = score
        self.signals = signals
        self.threshold = threshold
    }

    /// True when `score` reaches `threshold`: the input should be treated as an injection.
    public var isInjection: Bool { score >= threshold }

    /// Score, verdict and signal names; safe to log (it holds no input text).
    public var description: String {
        let rounded = (score * 1000).rounded() / 1000
        return "score=\(rounded) injection=\(isInjection) signals=\(signals.joined(separator: ","))"
    }
}
