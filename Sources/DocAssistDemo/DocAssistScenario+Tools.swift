import AgentryCore
import Foundation
import Telemetry

extension DocAssistScenario {
    /// Step 4: bulk export is forbidden for everyone; recording time needs `billing:write`; the tool service saw a
    /// token addressed to it alone, with only the tool's scope and an `act` chain.
    func checkToolPolicy() async throws -> DemoReport.Check {
        var problems: [String] = []
        let export = try await http.invoke(
            ["action": "export_documents"],
            token: tokens["alice"] ?? "",
            session: Self.session("alice-exp")
        )
        if export.status != 403 || export.errorCode != "policy.denied" {
            problems.append("bulk export: \(export.status) `\(export.errorCode)`")
        }
        let time: JSONValue = ["action": "record_time", "matter": "M-1042", "hours": 1.5, "description": "review"]
        let bob = try await http.invoke(time, token: tokens["bob"] ?? "", session: Self.session("bob-time"))
        if bob.status != 403 { problems.append("record_time without billing:write: \(bob.status)") }
        let seenBefore = try toolRequests().count
        for user in ["alice", "carol"] {
            let reply = try await http.invoke(time, token: tokens[user] ?? "", session: Self.session(user + "-time"))
            if reply.status != 200 { problems.append("record_time by \(user): \(reply.status) `\(reply.errorCode)`") }
        }
        let seen = try toolRequests().dropFirst(seenBefore)
        for request in seen {
            let aud = request["aud"].arrayValue?.compactMap(\.stringValue) ?? []
            let act = request["act"].arrayValue?.compactMap(\.stringValue) ?? []
            if aud != ["docassist-billing"] || request["scope"] != "billing:write"
                || act != ["gateway:docassist", "agent:docassist"]
            {
                problems.append("tool service saw aud \(aud), scope \(request["scope"]), act \(act)")
            }
        }
        if seen.count != 2 { problems.append("tool service saw \(seen.count) time entries, expected 2") }
        let detail =
            problems.isEmpty
            ? "export denied for all; bob (no billing:write) denied; alice and carol recorded time; downstream token "
                + "aud=docassist-billing, scope=billing:write, act=gateway:docassist→agent:docassist"
            : problems.joined(separator: "; ")
        return DemoReport.Check(
            name: "4. tool policy and narrowed downstream tokens",
            passed: problems.isEmpty,
            detail: detail
        )
    }

    /// What the tool service recorded (claims summaries, one JSON object per line).
    private func toolRequests() throws -> [JSONValue] {
        guard let text = try? String(contentsOfFile: toolsAudit, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONValue.parse(String($0)) }
    }

    /// Step 5: a preference stated in one invocation is recalled later in the same session, and not by another
    /// user presenting the same session id.
    func checkSessionMemory() async throws -> DemoReport.Check {
        let session = Self.session("alice-pref")
        let preference = "answers as short bullet points"
        let stated = try await http.invoke(
            ["action": "remember", "preference": .string(preference)],
            token: tokens["alice"] ?? "",
            session: session
        )
        let recalled = try await http.invoke(["action": "recall"], token: tokens["alice"] ?? "", session: session)
        let other = try await http.invoke(["action": "recall"], token: tokens["bob"] ?? "", session: session)
        let ownRecall = recalled.body["answer"].stringValue ?? ""
        let otherRecall = other.body["answer"].stringValue ?? ""
        let passed =
            stated.status == 200 && ownRecall.contains(preference) && other.status == 200
            && !otherRecall.contains(preference)
        return DemoReport.Check(
            name: "5. session memory stays with its owner",
            passed: passed,
            detail: "same session recalls: \(ownRecall.contains(preference)); bob with the same session id recalls: "
                + "\(otherRecall.contains(preference))"
        )
    }

    /// Step 6: both tenants have non-zero usage, and the per-tenant figures add up to the totals.
    static func checkUsage(_ report: UsageReport) -> DemoReport.Check {
        var problems: [String] = []
        for tenant in [small, big] {
            guard let usage = report.usage(for: tenant) else {
                problems.append("\(tenant) has no usage")
                continue
            }
            let zero = [
                ("tokens in", usage.tokensIn), ("tokens out", usage.tokensOut), ("embeddings", usage.embeddings),
                ("vector queries", usage.vectorQueries), ("tool calls", usage.toolCalls),
                ("invocations", usage.invocations),
            ].filter { $0.1 == 0 }.map(\.0)
            if !zero.isEmpty { problems.append("\(tenant): zero \(zero.joined(separator: ", "))") }
            if usage.cpuSeconds <= 0 { problems.append("\(tenant): zero CPU seconds") }
        }
        let sum = { (field: KeyPath<UsageFigures, Int>) in report.tenants.reduce(0) { $0 + $1.usage[keyPath: field] } }
        for (name, field) in [
            ("tokensIn", \UsageFigures.tokensIn), ("tokensOut", \.tokensOut),
            ("embeddings", \.embeddings), ("vectorQueries", \.vectorQueries),
            ("toolCalls", \.toolCalls), ("invocations", \.invocations), ("errors", \.errors),
        ]
        where sum(field) != report.totals[keyPath: field] {
            problems.append("\(name) totals do not add up")
        }
        let cpu = report.tenants.reduce(0.0) { $0 + $1.usage.cpuSeconds }
        if abs(cpu - report.totals.cpuSeconds) > 1e-6 { problems.append("cpuSeconds totals do not add up") }
        let detail =
            problems.isEmpty
            ? "both tenants non-zero; totals equal the per-tenant sums (tokens in \(report.totals.tokensIn))"
            : problems.joined(separator: "; ")
        return DemoReport.Check(name: "6. usage per tenant adds up", passed: problems.isEmpty, detail: detail)
    }
}
