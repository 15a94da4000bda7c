import AgentryCore
import Foundation
import HTTP

/// The DocAssist reference agent: summarises contracts, answers questions with citations, records billable time
/// and case notes through the gateway, and remembers a user preference for the session.
///
/// It holds no credentials of its own: every call back into Agentry uses the workload token of the invocation.
struct DocAssistAgent: Sendable {
    static let gateway = "docassist"
    static let memoryID = "docassist"

    let client: AgentryClient
    let sessionID: String

    /// Handles one intent and returns the JSON answer.
    func handle(_ intent: Intent) async throws -> JSONValue {
        switch intent {
        case .summarize(let document): return try await summarize(document)
        case .ask(let question): return try await ask(question)
        case .recordTime(let matter, let hours, let description):
            return try await tool(
                "record_time",
                [
                    "matter": .string(matter), "hours": .number(hours),
                    "description": .string(description),
                ]
            )
        case .addNote(let caseID, let note):
            return try await tool("add_case_note", ["case": .string(caseID), "note": .string(note)])
        case .exportDocuments:
            return try await tool("export_documents", ["scope": "all"])
        case .remember(let preference): return try await remember(preference)
        case .recall: return try await recall()
        }
    }

    private func knowledgeBase() async throws -> String {
        let listing = try await client.get("/knowledge")
        guard let first = listing["knowledgeBases"].arrayValue?.first?["id"].stringValue else {
            throw CodedError("agent.no_knowledge_base", "the tenant has no knowledge base", status: 404)
        }
        return first
    }

    private func summarize(_ document: String) async throws -> JSONValue {
        let kb = try await knowledgeBase()
        let escaped = document.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? ""
        let stored = try await client.get("/knowledge/\(kb)/documents/\(escaped)")["document"]
        let text = stored["text"].stringValue ?? ""
        let answer = try await complete(
            question: "Summarise this contract.",
            contexts: [(document, text)]
        )
        return [
            "answer": .string(answer), "citations": [["document": .string(document), "tenant": stored["tenant"]]],
        ]
    }

    private func ask(_ question: String) async throws -> JSONValue {
        let kb = try await knowledgeBase()
        let retrieved = try await client.post("/knowledge/\(kb)/retrieve", ["query": .string(question), "topK": 5])
        let results = retrieved["results"].arrayValue ?? []
        let contexts = results.map { ($0["documentId"].stringValue ?? "", $0["text"].stringValue ?? "") }
        let answer = try await complete(question: question, contexts: contexts)
        var seen = Set<String>()
        var citations: [JSONValue] = []
        for result in results {
            guard let id = result["documentId"].stringValue, answer.contains("[\(id)]"), seen.insert(id).inserted
            else { continue }
            citations.append(["document": .string(id), "tenant": result["tenant"]])
        }
        return ["answer": .string(answer), "citations": .array(citations)]
    }

    private func complete(question: String, contexts: [(String, String)]) async throws -> String {
        let blocks = contexts.map { "<context id=\"\($0.0)\">\n\($0.1)\n</context>" }.joined(separator: "\n")
        let reply = try await client.post(
            "/v1/chat/completions",
            [
                "model": "default",
                "messages": [
                    ["role": "system", "content": "You are DocAssist. Answer only from the supplied contracts."],
                    ["role": "user", "content": .string(blocks + "\n" + question)],
                ],
            ]
        )
        return reply["choices"].arrayValue?.first?["message"]["content"].stringValue ?? ""
    }

    private func tool(_ name: String, _ arguments: JSONValue) async throws -> JSONValue {
        let result = try await client.callTool(gateway: Self.gateway, name: name, arguments: arguments)
        let text = result["content"].arrayValue?.compactMap { $0["text"].stringValue }.joined(separator: "\n") ?? ""
        if result["isError"] == true {
            throw CodedError("agent.tool_failed", "the tool reported an error", status: 502)
        }
        return ["answer": .string(text), "tool": .string(name), "citations": []]
    }

    private func remember(_ preference: String) async throws -> JSONValue {
        _ = try await client.post(
            "/memories/\(Self.memoryID)/events",
            [
                "sessionId": .string(sessionID),
                "payload": [
                    ["conversational": ["role": "USER", "content": ["text": .string("preference: " + preference)]]]
                ],
            ]
        )
        return ["answer": .string("Noted for this session: \(preference)"), "citations": []]
    }

    private func recall() async throws -> JSONValue {
        let listing = try await client.post(
            "/memories/\(Self.memoryID)/sessions/\(sessionID)/events",
            ["maxResults": 50]
        )
        let texts = (listing["events"].arrayValue ?? []).flatMap { event in
            (event["payload"].arrayValue ?? []).compactMap { $0["conversational"]["content"]["text"].stringValue }
        }
        guard let latest = texts.last(where: { $0.hasPrefix("preference: ") }) else {
            return ["answer": "I have no preference recorded for this session.", "citations": []]
        }
        return ["answer": .string("Your preference: " + latest.dropFirst("preference: ".count)), "citations": []]
    }
}
