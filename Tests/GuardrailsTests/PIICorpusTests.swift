import AgentryCore
import Guardrails
import Testing

@Suite("PII redactor on the Presidio synthetic corpus")
struct PIICorpusTests {
    static let records = SharedCorpus.records("corpus/pii/presidio_synth.jsonl")

    /// Presidio labels this redactor covers, and the kind that answers for each.
    static let covered: [String: PIIKind] = [
        "EMAIL_ADDRESS": .email, "PHONE_NUMBER": .phone, "US_SSN": .ssn, "CREDIT_CARD": .card,
    ]

    @Test(
        "reaches precision and recall floors for every covered label",
        .enabled(if: records != nil, "shared/corpus/pii/presidio_synth.jsonl is absent")
    )
    func precisionAndRecall() throws {
        let records = try #require(Self.records)
        let redactor = PIIRedactor()
        var recall: [PIIKind: Tally] = [:]
        var precision: [PIIKind: Tally] = [:]
        for record in records {
            let text = record["text"].stringValue ?? ""
            let gold = Self.goldSpans(record, in: text)
            let found = try redactor.findings(in: text)
            for (kind, range) in gold {
                recall[kind, default: Tally()].add(found.contains { $0.kind == kind && $0.range.overlaps(range) })
            }
            for finding in found {
                precision[finding.kind, default: Tally()].add(
                    gold.contains { $0.kind == finding.kind && $0.range.overlaps(finding.range) }
                )
            }
        }

        for kind in PIIKind.allCases where recall[kind] != nil || precision[kind] != nil {
            print(
                "pii \(kind.rawValue): precision \((precision[kind] ?? Tally()).percent), "
                    + "recall \((recall[kind] ?? Tally()).percent)"
            )
        }
        #expect((recall[.email]?.rate ?? 0) >= 0.95)
        #expect((precision[.email]?.rate ?? 0) >= 0.95)
        #expect((recall[.card]?.rate ?? 0) >= 0.90)
        #expect((precision[.card]?.rate ?? 0) >= 0.90)
        #expect((recall[.ssn]?.rate ?? 0) >= 0.80)
        #expect((recall[.phone]?.rate ?? 0) >= 0.85)
        #expect((precision[.phone]?.rate ?? 0) >= 0.85)
    }

    /// Gold spans of covered labels as UTF-8 byte ranges (the corpus counts Unicode code points).
    static func goldSpans(_ record: JSONValue, in text: String) -> [(kind: PIIKind, range: Range<Int>)] {
        let scalars = Array(text.unicodeScalars)
        let byteOffsets = scalars.reduce(into: [0]) { offsets, scalar in
            offsets.append((offsets.last ?? 0) + String(scalar).utf8.count)
        }
        return (record["spans"].arrayValue ?? []).compactMap { span in
            guard let label = span["label"].stringValue, let kind = covered[label],
                let start = span["start"].intValue, let end = span["end"].intValue, end < byteOffsets.count
            else { return nil }
            return (kind, byteOffsets[start]..<byteOffsets[end])
        }
    }
}
