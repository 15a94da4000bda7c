import Guardrails
import Testing

@Suite("PII redactor")
struct PIIRedactorTests {
    let redactor = PIIRedactor()

    @Test("Luhn accepts valid card numbers and rejects one-digit changes")
    func luhn() {
        #expect(NumberRules.luhnValid("4111111111111111"))
        #expect(NumberRules.luhnValid("378282246310005"))
        #expect(!NumberRules.luhnValid("4111111111111112"))
        #expect(!NumberRules.plausibleCard("0000000000000"))
        #expect(!NumberRules.luhnValid("41a1"))
    }

    @Test(
        "SSNs outside the SSA ranges are not SSNs",
        arguments: ["000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456", "123-00-4567", "123-45-0000"]
    )
    func invalidSSN(value: String) {
        let result = redactor.redact("ssn \(value) on file")
        #expect(!result.findings.contains { $0.kind == .ssn })
    }

    @Test("valid SSNs are redacted, dashed, spaced or after an SSN label")
    func validSSN() {
        #expect(redactor.redact("SSN 123-45-6789.").text == "SSN [SSN].")
        #expect(redactor.redact("id 123 45 6789").text == "id [SSN]")
        #expect(redactor.redact("social security number: 123456789").text == "social security number: [SSN]")
    }

    @Test("cards with spaces or dashes are redacted only when Luhn-valid")
    func cards() {
        #expect(redactor.redact("pay 4111 1111 1111 1111 now").text == "pay [CARD] now")
        #expect(redactor.redact("pay 4111-1111-1111-1111").text == "pay [CARD]")
        #expect(!redactor.redact("order 4111 1111 1111 1112").findings.contains { $0.kind == .card })
    }

    @Test(
        "phones in US and international formats",
        arguments: [
            "(555) 123-4567", "555.123.4567", "+1 555 123 4567", "+44 20 7946 0958", "+41 (0)62 585 51 90",
            "0490 75 40 81", "345-899-3560x4587",
        ]
    )
    func phones(value: String) {
        #expect(redactor.redact("call \(value) today").text == "call [PHONE] today")
    }

    @Test("dates, IP addresses and years are not phones", arguments: ["2024-01-15", "10.0.0.1", "1999 2004"])
    func notPhones(value: String) {
        #expect(redactor.redact("on \(value) we met").findings.isEmpty)
    }

    @Test("e-mail addresses and secrets get their placeholders")
    func emailsAndSecrets() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLUEifQ.c2lnbmF0dXJlLXBhcnQ"
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----"
        let text =
            "mail a.b+c@example.test key AKIAIOSFODNN7EXAMPLE tok \(jwt) api sk-abcdefghijklmnopqrstuvwx \(pem) end"
        let result = redactor.redact(text)
        #expect(result.text == "mail [EMAIL] key [SECRET] tok [SECRET] api [SECRET] [SECRET] end")
        #expect(result.findings.map(\.kind) == [.email, .secret, .secret, .secret, .secret])
    }

    @Test("an unterminated private key is redacted to the end")
    func unterminatedKey() {
        #expect(redactor.redact("x -----BEGIN PRIVATE KEY-----\nMIIE").text == "x [SECRET]")
    }

    @Test("findings carry UTF-8 byte ranges and never the value")
    func findingRanges() throws {
        let text = "é mail a@example.test"
        let finding = try #require(redactor.redact(text).findings.first)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[finding.range], as: UTF8.self) == "a@example.test")
        #expect(!finding.description.contains("example"))
    }
}
