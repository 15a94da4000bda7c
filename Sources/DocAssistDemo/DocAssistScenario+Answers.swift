import AgentryCore
import Foundation
import Telemetry

extension DocAssistScenario {
    /// Runs the six steps in order and assembles the report.
    func runChecks(since began: Date) async throws -> DemoReport {
        var sections: [String: DemoReport.TenantSection] = [:]
        let (answers, answersCheck) = try await checkOwnAnswers()
        var checks = [answersCheck]
        checks.append(try await checkCrossTenantRefusals())
        checks.append(try await checkInjectionBlocked())
        checks.append(try await checkToolPolicy())
        checks.append(try await checkSessionMemory())

        // Stop the sessions first so their final CPU time is in the ledger.
        await server.platform.runtime.shutdown()
        // This run's usage only (ingestion included): the ledger keeps earlier runs too.
        let report = try server.platform.ledger.report(since: began)
        checks.append(Self.checkUsage(report))
        for tenant in [Self.small, Self.big] {
            sections[tenant] = DemoReport.TenantSection(
                answers: answers[tenant] ?? [],
                usage: report.usage(for: tenant) ?? UsageFigures()
            )
        }
        return DemoReport(tenants: sections, checks: checks, totals: report.totals, spans: spanSummary())
    }

    /// Counts the spans of this run by name; a model call counts as joined when its trace also holds an invocation.
    func spanSummary() -> DemoReport.SpanSummary {
        let tracer = server.platform.tracer
        let spans = tracer.recentSpans()
        let invocationTraces = Set(spans.filter { $0.name == "runtime.invocation" }.map(\.traceID))
        let joined = Set(
            spans.filter { $0.name == "model_call" && invocationTraces.contains($0.traceID) }.map(\.traceID)
        )
        return DemoReport.SpanSummary(
            byName: Dictionary(grouping: spans, by: \.name).mapValues(\.count),
            missingTenant: tracer.missingTenantCount,
            tracesWithModelCall: joined.count
        )
    }

    /// Step 1: each tenant's user summarises one of their own contracts and asks two questions; every citation
    /// must name a document of their own tenant.
    func checkOwnAnswers() async throws -> ([String: [DemoReport.Answer]], DemoReport.Check) {
        var answers: [String: [DemoReport.Answer]] = [:]
        var problems: [String] = []
        for (tenant, user) in [(Self.small, "alice"), (Self.big, "carol")] {
            let own = Set((library.byTenant[tenant] ?? []).map(\.id))
            guard let first = library.byTenant[tenant]?.first else {
                problems.append("\(tenant) has no contracts")
                continue
            }
            let session = Self.session(user)
            var asked: [(String, JSONValue)] = [
                ("Summarise \(first.id)", ["action": "summarize", "document": .string(first.id)])
            ]
            asked += Self.questions.map { ($0, ["action": "ask", "question": .string($0)]) }
            for (question, payload) in asked {
                let reply = try await http.invoke(payload, token: tokens[user] ?? "", session: session)
                let citations = (reply.body["citations"].arrayValue ?? []).map {
                    DemoReport.Citation(
                        document: $0["document"].stringValue ?? "",
                        tenant: $0["tenant"].stringValue ?? ""
                    )
                }
                let answer = reply.body["answer"].stringValue ?? ""
                answers[tenant, default: []].append(
                    DemoReport.Answer(question: question, answer: answer, citations: citations)
                )
                if reply.status != 200 || answer.isEmpty {
                    problems.append("\(tenant): `\(question)` got \(reply.status)")
                }
                if citations.isEmpty { problems.append("\(tenant): `\(question)` has no citation") }
                for citation in citations where citation.tenant != tenant || !own.contains(citation.document) {
                    problems.append("\(tenant): citation \(citation.document) of \(citation.tenant) is not its own")
                }
            }
        }
        let count = answers.values.reduce(0) { $0 + $1.count }
        let detail =
            problems.isEmpty
            ? "\(count) answers, every citation from the asking tenant's own documents"
            : problems.joined(separator: "; ")
        return (
            answers,
            DemoReport.Check(name: "1. own-tenant answers and citations", passed: problems.isEmpty, detail: detail)
        )
    }
}
