/// Scores text for prompt injection, jailbreak and system-prompt extraction without a model.
///
/// The input is normalised first (``TextNormalizer``: NFKC, case fold, zero-width characters stripped, look-alike
/// letters mapped, accents stripped, whitespace collapsed, leet and letter spacing undone), then every
/// ``InjectionSignal`` in the catalog is tested, on the input and on any base64 payload it carries. Weights
/// combine as independent evidence, `score = 1 − Π(1 − weight)`, and the verdict is `score ≥ threshold`. With the
/// default threshold of 0.6 a single strong signal (an instruction override, DAN, a special mode, a stray
/// instruction in a table) blocks on its own, while weak ones (a persona switch, a mention of ChatGPT, a fiction
/// frame) block only together.
public struct InjectionDetector: Sendable {
    /// The default verdict threshold.
    public static let defaultThreshold = 0.6

    /// Score at or above which ``Detection/isInjection`` is true, `0...1`; default ``defaultThreshold``.
    public let threshold: Double

    private let catalog: Result<[InjectionSignal], GuardrailError>

    /// Creates a detector over the built-in catalog.
    ///
    /// Never fails: if the catalog cannot be built the detector remembers it, and ``evaluate(_:)`` throws (fail
    /// closed) while ``detect(_:)`` reports a score of 1.
    public init(threshold: Double = InjectionDetector.defaultThreshold) {
        self.init(loading: InjectionSignal.standardCatalog, threshold: threshold)
    }

    /// Creates a detector from a catalog loader; a loader that throws leaves the detector failing closed.
    public init(loading loader: () throws -> [InjectionSignal], threshold: Double = InjectionDetector.defaultThreshold)
    {
        self.threshold = threshold
        do {
            catalog = .success(try loader())
        } catch {
            catalog = .failure(.unavailable)
        }
    }

    /// Creates a detector over a caller-chosen set of signals.
    public init(signals: [InjectionSignal], threshold: Double = InjectionDetector.defaultThreshold) {
        self.threshold = threshold
        catalog = .success(signals)
    }

    /// The signals this detector tests, or an empty list if the catalog failed to build.
    public var signals: [InjectionSignal] { (try? catalog.get()) ?? [] }

    /// Name and weight of the evidence added when an instruction was found inside base64 (``EncodedPayload``).
    public static let encodedPayloadSignal = (name: "obfuscation.encoded_payload", weight: 0.3)

    /// Scores `text`, throwing when the detector is not usable.
    ///
    /// Base64 runs that decode to readable text are screened too: a signal counts once whether it fired on the
    /// input or on a decoded payload, and a payload that fires anything adds `obfuscation.encoded_payload`.
    ///
    /// - Throws: ``GuardrailError/unavailable`` if the signal catalog failed to build.
    public func evaluate(_ text: String) throws(GuardrailError) -> Detection {
        let signals = try catalog.get()
        var fired = Self.firing(signals, on: text)

        // Instructions hidden in base64: screen each decoded payload with the same catalog.
        var payloadFired = false
        for payload in EncodedPayload.decodedTexts(in: text) {
            let inner = Self.firing(signals, on: payload)
            payloadFired = payloadFired || inner.contains(true)
            fired = zip(fired, inner).map { $0 || $1 }
        }

        var names: [String] = []
        var clean = 1.0
        for (signal, didFire) in zip(signals, fired) where didFire {
            names.append(signal.name)
            clean *= 1 - signal.weight
        }
        if payloadFired {
            names.append(Self.encodedPayloadSignal.name)
            clean *= 1 - Self.encodedPayloadSignal.weight
        }
        return Detection(score: 1 - clean, signals: names, threshold: threshold)
    }

    /// Which of `signals` fire on `text`, in catalog order.
    private static func firing(_ signals: [InjectionSignal], on text: String) -> [Bool] {
        let normalized = TextNormalizer.normalize(text)
        return signals.map { $0.fires(on: normalized) }
    }

    /// Scores `text`; a detector that cannot run reports the maximum score, so callers that only read the verdict
    /// still fail closed.
    public func detect(_ text: String) -> Detection {
        do {
            return try evaluate(text)
        } catch {
            return Detection(score: 1, signals: ["detector.unavailable"], threshold: threshold)
        }
    }

    /// Convenience for the verdict alone.
    public func isInjection(_ text: String) -> Bool { detect(text).isInjection }
}
