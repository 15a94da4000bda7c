import AgentryCore
import Foundation

/// What the user asked for, from a structured `action` field or, failing that, the `prompt` text.
enum Intent: Equatable {
    case summarize(document: String)
    case ask(question: String)
    case recordTime(matter: String, hours: Double, description: String)
    case addNote(caseID: String, note: String)
    case exportDocuments
    case remember(preference: String)
    case recall

    /// Reads the invocation payload.
    static func parse(_ payload: JSONValue) -> Intent? {
        if let action = payload["action"].stringValue {
            return structured(action, payload)
        }
        guard let prompt = payload["prompt"].stringValue, !prompt.isEmpty else { return nil }
        return fromPrompt(prompt)
    }

    private static func structured(_ action: String, _ payload: JSONValue) -> Intent? {
        switch action {
        case "summarize", "summarise":
            return payload["document"].stringValue.map { .summarize(document: $0) }
        case "ask":
            return payload["question"].stringValue.map { .ask(question: $0) }
        case "record_time":
            guard let matter = payload["matter"].stringValue, let hours = payload["hours"].numberValue else {
                return nil
            }
            return .recordTime(matter: matter, hours: hours, description: payload["description"].stringValue ?? "")
        case "add_note":
            guard let caseID = payload["case"].stringValue, let note = payload["note"].stringValue else { return nil }
            return .addNote(caseID: caseID, note: note)
        case "export_documents":
            return .exportDocuments
        case "remember":
            return payload["preference"].stringValue.map { .remember(preference: $0) }
        case "recall":
            return .recall
        default:
            return nil
        }
    }

    private static func fromPrompt(_ prompt: String) -> Intent {
        let lower = prompt.lowercased()
        if let range = lower.range(
            of: #"^(please )?(summari[sz]e|summary of) (the )?(contract |document )?"#,
            options: .regularExpression
        ) {
            let document = prompt[range.upperBound...].trimmingCharacters(
                in: .whitespacesAndNewlines.union(.punctuationCharacters)
            )
            return .summarize(document: document)
        }
        if let range = lower.range(of: #"^(please )?remember( that)?:? "#, options: .regularExpression) {
            return .remember(preference: String(prompt[range.upperBound...]).trimmingCharacters(in: .whitespaces))
        }
        if lower.contains("my preference") || lower.contains("what did i ask you to remember") {
            return .recall
        }
        if lower.contains("export") && (lower.contains("all documents") || lower.contains("every document")) {
            return .exportDocuments
        }
        return .ask(question: prompt)
    }
}
