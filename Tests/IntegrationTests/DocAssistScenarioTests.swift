import AgentryCore
import DocAssistDemo
import Foundation
import Testing

@Suite("DocAssist scenario end to end on a real loopback server")
struct DocAssistScenarioTests {
    @Test(
        "all six scenario properties hold, computed from what happened",
        .enabled(if: TestPaths.contracts != nil, "../shared/corpus/contracts is absent: scenario test skipped")
    )
    func scenario() async throws {
        let data = TestPaths.temporaryDirectory("scenario")
        let options = DemoOptions(
            configPath: TestPaths.exampleConfig,
            contractsDirectory: TestPaths.contracts ?? "",
            reportPath: nil,
            programDirectory: TestPaths.programs,
            dataDirectory: data,
            contractLimit: 8
        )
        let report = try await DocAssistScenario.run(options)

        #expect(report.checks.count == 6)
        for check in report.checks {
            #expect(check.passed, "\(check.name): \(check.detail)")
        }
        // Citations, independently of the checks: each tenant's answers cite only that tenant.
        for (tenant, section) in report.tenants {
            #expect(!section.answers.isEmpty)
            #expect(section.answers.flatMap(\.citations).allSatisfy { $0.tenant == tenant })
        }
        // Telemetry: every required span name was recorded, none without a tenant, and the agent's model calls
        // joined the trace of the invocation that caused them (traceparent propagated through the agent).
        let spans = try #require(report.spans)
        for name in [
            "runtime.session.start", "runtime.session.end", "model_call", "embedding.create", "rag.query",
            "tool.invoke",
        ] {
            #expect((spans.byName[name] ?? 0) > 0, "no `\(name)` span")
        }
        #expect(spans.missingTenant == 0)
        #expect(spans.tracesWithModelCall > 0)

        let totals = try #require(report.totals)
        #expect(totals.tokensIn == report.tenants.values.reduce(0) { $0 + $1.usage.tokensIn })

        // A second run over the same data directory reuses it and still passes.
        let again = try await DocAssistScenario.run(options)
        #expect(again.passed, "\(again.checks.filter { !$0.passed }.map(\.detail))")
    }
}
