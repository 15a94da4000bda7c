import AgentryCore
import Foundation

/// One conversational turn inside a ``MemoryEvent``.
public struct ConversationalTurn: Sendable, Hashable, Codable {
    /// Who spoke, such as `USER`, `ASSISTANT`, `TOOL`.
    public let role: String
    /// What was said.
    public let text: String

    /// Creates a turn.
    public init(role: String, text: String) {
        self.role = role
        self.text = text
    }
}

/// What an event carries: conversational turns or an opaque JSON blob.
public enum EventPayload: Sendable, Hashable {
    /// One or more turns.
    case conversational([ConversationalTurn])
    /// Any JSON value the agent wants to keep.
    case blob(JSONValue)

    /// The payload as stored: `{"conversational":[{"role","text"}]}` or `{"blob": …}`.
    public var json: JSONValue {
        switch self {
        case .conversational(let turns):
            .object([
                "conversational": .array(turns.map { .object(["role": .string($0.role), "text": .string($0.text)]) })
            ])
        case .blob(let value):
            .object(["blob": value])
        }
    }

    /// Reads the stored form back.
    ///
    /// - Throws: ``MemoryError/invalid(_:)`` when `json` has neither shape or a turn lacks a role or text.
    public init(json: JSONValue) throws(MemoryError) {
        if let object = json.objectValue, object.count == 1, let blob = object["blob"] {
            self = .blob(blob)
            return
        }
        guard let turns = json["conversational"].arrayValue, !turns.isEmpty else { throw .invalid("payload") }
        var parsed: [ConversationalTurn] = []
        for turn in turns {
            guard let role = turn["role"].stringValue, !role.isEmpty, let text = turn["text"].stringValue else {
                throw .invalid("payload")
            }
            parsed.append(ConversationalTurn(role: role, text: text))
        }
        self = .conversational(parsed)
    }
}

/// A short-term memory entry: something that happened in one session of one user.
public struct MemoryEvent: Sendable, Hashable {
    /// Server-assigned id.
    public let eventID: String
    /// The memory resource it belongs to.
    public let memoryID: String
    /// The user it belongs to (from the verified token).
    public let actorID: String
    /// The session it happened in.
    public let sessionID: String
    /// When it was recorded.
    public let timestamp: Date
    /// What it carries.
    public let payload: EventPayload

    /// Creates an event.
    public init(
        eventID: String,
        memoryID: String,
        actorID: String,
        sessionID: String,
        timestamp: Date,
        payload: EventPayload
    ) {
        self.eventID = eventID
        self.memoryID = memoryID
        self.actorID = actorID
        self.sessionID = sessionID
        self.timestamp = timestamp
        self.payload = payload
    }
}

/// A long-term memory entry: a piece of text kept under a namespace.
public struct MemoryRecord: Sendable, Hashable {
    /// Server-assigned id.
    public let recordID: String
    /// The memory resource it belongs to.
    public let memoryID: String
    /// Where it lives.
    public let namespace: Namespace
    /// The remembered text.
    public let content: String
    /// When it was stored.
    public let created: Date

    /// Creates a record.
    public init(recordID: String, memoryID: String, namespace: Namespace, content: String, created: Date) {
        self.recordID = recordID
        self.memoryID = memoryID
        self.namespace = namespace
        self.content = content
        self.created = created
    }
}

/// A record returned by retrieval, with its keyword score.
public struct ScoredRecord: Sendable, Hashable {
    /// The record.
    public let record: MemoryRecord
    /// Keyword relevance, higher is better.
    public let score: Double

    /// Creates a scored record.
    public init(record: MemoryRecord, score: Double) {
        self.record = record
        self.score = score
    }
}

/// What a delete-all removed.
public struct MemoryDeletion: Sendable, Hashable {
    /// Short-term events removed.
    public let events: Int
    /// Long-term records removed.
    public let records: Int
    /// True when nothing of the user's is left; false means call again (the result is a continuation).
    public let complete: Bool

    /// Creates a deletion summary.
    public init(events: Int, records: Int, complete: Bool) {
        self.events = events
        self.records = records
        self.complete = complete
    }
}
