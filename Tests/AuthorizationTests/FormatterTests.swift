import Foundation
import Testing

@testable import Authorization

@Suite("Formatter and JSON policy format round trips")
struct FormatterTests {
    /// Every `.cedar` file under the shared corpus and the benchmark policies.
    static func policyFiles() throws -> [URL] {
        guard let root = CorpusSupport.corpusRoot else { return [] }
        var files: [URL] = []
        for folder in [
            root, root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("bench/cedar"),
        ] {
            guard let paths = FileManager.default.subpaths(atPath: folder.path) else { continue }
            files += paths.filter { $0.hasSuffix(".cedar") }.sorted().map { folder.appendingPathComponent($0) }
        }
        return files
    }

    /// The AST of a set, compared through its JSON policy form.
    static func shape(_ set: PolicySet) -> String { set.jsonText() }

    @Test("formatting every corpus and benchmark policy reparses to the same policies")
    func formatCorpus() throws {
        let files = try Self.policyFiles()
        guard !files.isEmpty else {
            print("skipping: ../shared/corpus/cedar is absent")
            return
        }
        var checked = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard let set = try? PolicySet(text: text) else { continue }
            let formatted = set.formatted()
            let reparsed = try PolicySet(text: formatted)
            #expect(Self.shape(reparsed) == Self.shape(set), "\(file.lastPathComponent)")
            #expect(reparsed.formatted() == formatted, "formatting is idempotent for \(file.lastPathComponent)")
            let viaJSON = try PolicySet(jsonText: set.jsonText())
            #expect(Self.shape(viaJSON) == Self.shape(set), "\(file.lastPathComponent)")
            checked += set.policies.count
        }
        print("formatted and reparsed \(checked) policies from \(files.count) files")
        #expect(checked > 100)
    }

    @Test("corpus decisions are unchanged after a format round trip and a JSON round trip")
    func corpusDecisions() throws {
        guard let root = CorpusSupport.corpusRoot else {
            print("skipping: ../shared/corpus/cedar is absent")
            return
        }
        let files = try CorpusSupport.fuzzerTestFiles(root: root)
        let transforms: [(String, (PolicySet) throws -> PolicySet)] = [
            ("format", { try PolicySet(text: $0.formatted()) }),
            ("json", { try PolicySet(jsonText: $0.jsonText()) }),
        ]
        for (name, transform) in transforms {
            var outcomes: [CorpusSupport.Outcome] = []
            for file in files {
                outcomes += CorpusSupport.run(
                    testFile: file,
                    root: root,
                    transform: transform
                )
            }
            let failures = outcomes.filter { !$0.agrees && !$0.needsSchema }
            for failure in failures.prefix(10) { print("DISAGREE after \(name) \(failure.test): \(failure.detail)") }
            print("\(name) round trip: \(outcomes.count - failures.count) of \(outcomes.count) requests agree")
            #expect(failures.isEmpty)
        }
    }

    @Test("the layout follows cedar format")
    func layout() throws {
        let set = try PolicySet(
            text:
                #"@id("a") permit(principal==User::"x",action in[Action::"r",Action::"w"],resource is Doc in ?resource) when{context.a+1*2>-3&&!(if true then 1 else 2==1)} unless {{a:1,"b c":context}.a==-3 || context has a.b};"#
        )
        #expect(
            set.formatted() == """
                @id("a")
                permit (
                  principal == User::"x",
                  action in [Action::"r", Action::"w"],
                  resource is Doc in ?resource
                )
                when { context.a + 1 * 2 > -3 && !(if true then 1 else 2 == 1) }
                unless { { a: 1, "b c": context }.a == -3 || context has a && context.a has b };

                """
        )
    }

    @Test(
        "strings, patterns and literals print with escapes that reparse to the same values",
        arguments: [
            #"context.s == "q\"b\\s\n\t\u{1}\0é""#,
            #"context.s like "a*\*b\"c""#,
            #"context.n == -9223372036854775808"#,
            #"(-5).foo == 1"#,
            #"-(-5) == 5 && - - 5 == 5"#,
            #"[decimal("-1.5"), ip("::1"), ip("10.0.0.0/8"), datetime("2024-02-29T12:34:56.789Z"), duration("-1d2h3m4s5ms")].contains(1)"#,
            #"{"if": 1, a: [1, 2]}["if"] == 1 && context["a b"].isEmpty() && principal.getTag("k") == principal.hasTag("j")"#,
            #"(1 + 2) * 3 == 1 - (2 - 3) && (1 == 2) == false && !!!true"#,
            #"principal is User in Group::"g" && (if context.a then context.b else context.c).d"#,
            #"datetime("2024-01-01").offset(duration("1h")) > datetime("2024-01-01") && decimal("bad").lessThan(decimal("1.0"))"#,
        ]
    )
    func literals(_ condition: String) throws {
        let set = try PolicySet(text: "permit(principal, action, resource) when { \(condition) };")
        let reparsed = try PolicySet(text: set.formatted())
        #expect(Self.shape(reparsed) == Self.shape(set), "\(set.formatted())")
        let viaJSON = try PolicySet(jsonText: set.jsonText())
        #expect(Self.shape(try PolicySet(text: viaJSON.formatted())) == Self.shape(set))
    }

    @Test("extension values outside the text range still print as an equal expression")
    func extensionEdges() throws {
        for instant: Int64 in [0, -1, 951_782_400_000, .min, .max, -62_167_219_200_001] {
            var parser = try Parser(text: ValueFormatter.datetimeText(instant))
            let evaluated = try Evaluator(request: try Fixtures.request(), entities: .empty).evaluate(
                try parser.expression()
            )
            #expect(evaluated == .extension(.datetime(instant)), "\(instant)")
        }
        for span: Int64 in [0, -1, 90_061_001, .min, .max] {
            #expect(CedarTime.parseDuration(ValueFormatter.durationText(span)) == span)
        }
        for scaled: Int64 in [0, -1, 15_000, .min, .max] {
            #expect(CedarExtensionValue.parseDecimal(ValueFormatter.decimalText(scaled)) == scaled)
        }
    }
}
