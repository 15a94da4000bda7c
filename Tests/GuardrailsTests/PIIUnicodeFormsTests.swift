import Guardrails
import Testing

/// Red-team misses: card numbers, SSNs and e-mail addresses written with other separators, other digit scripts or
/// internationalised addresses.
@Suite("PII redactor on Unicode and unusual separators")
struct PIIUnicodeFormsTests {
    let redactor = PIIRedactor()

    /// Asserts that `value` inside a sentence is replaced by `placeholder` and that the finding covers exactly the
    /// original bytes of `value`.
    func expectRedacted(_ value: String, as kind: PIIKind) {
        let text = "pay \(value) now"
        let result = redactor.redact(text)
        #expect(result.text == "pay \(kind.placeholder) now", "\(value.unicodeScalars.map { $0.value })")
        guard let finding = result.findings.first else { return }
        #expect(finding.kind == kind)
        #expect(String(decoding: Array(text.utf8)[finding.range], as: UTF8.self) == value)
    }

    @Test(
        "cards grouped by dots, slashes, underscores, Unicode spaces, double spaces or spaced dashes are redacted",
        arguments: [
            "4111.1111.1111.1111", "4111/1111/1111/1111", "4111_1111_1111_1111",
            "4111\u{00A0}1111\u{00A0}1111\u{00A0}1111",
            "4111\u{2009}1111\u{2009}1111\u{2009}1111", "4111\u{202F}1111\u{202F}1111\u{202F}1111",
            "4111\u{3000}1111\u{3000}1111\u{3000}1111", "4111  1111  1111  1111", "4111 – 1111 – 1111 – 1111",
            "4111 — 1111 — 1111 — 1111", "4111–1111–1111–1111", "3782 822463 10005", "3782.822463.10005",
            "4111-1111 1111/1111",
        ]
    )
    func cardSeparators(value: String) {
        expectRedacted(value, as: .card)
    }

    @Test(
        "cards in full-width and other decimal digit scripts are redacted in their original characters",
        arguments: [
            "４１１１ １１１１ １１１１ １１１１", "４１１１１１１１１１１１１１１１", "٤١١١ ١١١١ ١١١١ ١١١١", "۴۱۱۱-۱۱۱۱-۱۱۱۱-۱۱۱۱",
            "४१११ ११११ ११११ ११११", "4111 １１１１ 1111 ١١١١",
        ]
    )
    func cardDigitScripts(value: String) {
        expectRedacted(value, as: .card)
    }

    @Test(
        "look-alike numbers stay unredacted: Luhn failures, decimals, dates, version strings",
        arguments: [
            "4111.1111.1111.1112", "４１１１ １１１１ １１１１ １１１２", "2.718281828459045", "12/03/2019 and 14/05/2020",
            "1.2.3.4", "v10.12.2024.11.30",
        ]
    )
    func cardLookAlikes(value: String) {
        #expect(!redactor.redact("value \(value) here").findings.contains { $0.kind == .card })
    }

    @Test(
        "SSNs with slashes, dots, Unicode dashes and spaces, or other digit scripts are redacted",
        arguments: [
            "123/45/6789", "123–45–6789", "123—45—6789", "123 – 45 – 6789", "123.45.6789", "123\u{00A0}45\u{00A0}6789",
            "１２３-４５-６７８９", "١٢٣-٤٥-٦٧٨٩", "123_45_6789",
        ]
    )
    func ssnForms(value: String) {
        expectRedacted(value, as: .ssn)
    }

    @Test("SSN look-alikes outside the SSA ranges stay unredacted", arguments: ["666/12/3456", "９００-１２-３４５６"])
    func ssnRanges(value: String) {
        #expect(!redactor.redact("id \(value) ok").findings.contains { $0.kind == .ssn })
    }

    @Test(
        "internationalised, full-width and quoted e-mail addresses are redacted",
        arguments: [
            "maria@bücher.de", "josé.garcía@correo.es", "用户@例子.中国", "иван@пример.рф", "maria＠example.com",
            "ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", "\"john doe\"@example.com", "\"odd\\\"quote\"@example.org",
            "info@xn--bcher-kva.de", "maria﹫example.com",
        ]
    )
    func emailForms(value: String) {
        expectRedacted(value, as: .email)
    }

    @Test("a quoted phrase that is not followed by a domain is left alone")
    func quotedPhrase() {
        let text = "he said \"john doe\" at example.com"
        #expect(redactor.redact(text).text == text)
    }
}
