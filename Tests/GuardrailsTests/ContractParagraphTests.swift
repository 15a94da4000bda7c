import Foundation
import Guardrails
import Testing

/// Paragraphs of real commercial contracts are benign text: the detector must almost never flag them.
@Suite("Injection detector on contract paragraphs")
struct ContractParagraphTests {
    /// Every blank-line-separated paragraph of the shared CUAD contracts, or nil when the corpus is absent.
    static let paragraphs: [String]? = {
        guard let base = SharedCorpus.directory() else { return nil }
        let folder = base.appendingPathComponent("corpus/contracts")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        let texts = names.filter { $0.hasPrefix("cuad_") && $0.hasSuffix(".txt") }.sorted().compactMap { name in
            try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        guard !texts.isEmpty else { return nil }
        return texts.flatMap { text in
            text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
                .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }
    }()

    @Test(
        "flags at most 0.2 % of contract paragraphs",
        .enabled(if: paragraphs != nil, "shared/corpus/contracts is absent")
    )
    func contractFalsePositives() throws {
        let paragraphs = try #require(Self.paragraphs)
        let detector = InjectionDetector()
        var flagged = Tally()
        for paragraph in paragraphs {
            let detection = detector.detect(paragraph)
            flagged.add(detection.isInjection)
            if detection.isInjection { print("contract paragraph flagged: \(detection)") }
        }
        print("contract paragraphs flagged: \(flagged.percent)")
        #expect(flagged.total > 1000)
        #expect(flagged.rate <= 0.002)
    }
}
