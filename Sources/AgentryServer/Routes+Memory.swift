import AgentryCore
import Foundation
import HTTP
import Memory

extension AgentryRoutes {
    /// AgentCore-shaped memory events, scoped to the caller's tenant, user and (for workload tokens) session.
    static func addMemory(_ router: inout Router, _ platform: Platform) {
        router.add("POST", "/memories/:memory/events") { request in
            let context = RequestContext(request, principal: try await platform.identity.principal(for: request))
            let body = try context.json()
            try refuseForeignTenant(in: body, context, platform)
            if let actor = body["actorId"].stringValue, actor != context.principal.user {
                throw deny(context, platform, "WriteMemory", "actor")
            }
            guard let session = body["sessionId"].stringValue else {
                throw CodedError.badRequest("`sessionId` is required", code: "memory.invalid_request")
            }
            let memoryID = context.parameter("memory")
            try authorize(context, platform, .writeMemory, PolicyEngine.Resource(type: "Memory", id: memoryID))
            let event = try platform.memory.createEvent(
                scope: try scope(context),
                memoryID: memoryID,
                sessionID: session,
                payload: try payload(fromAgentCore: body["payload"])
            )
            return .json(["event": render(event)], status: 201)
        }
        router.add("POST", "/memories/:memory/sessions/:session/events") { request in
            let context = RequestContext(request, principal: try await platform.identity.principal(for: request))
            let body = request.body.isEmpty ? JSONValue.object([:]) : try context.json()
            let memoryID = context.parameter("memory")
            try authorize(context, platform, .readMemory, PolicyEngine.Resource(type: "Memory", id: memoryID))
            let events = try platform.memory.listEvents(
                scope: try scope(context),
                memoryID: memoryID,
                sessionID: context.parameter("session"),
                limit: body["maxResults"].intValue ?? 100
            )
            // Oldest first, as a conversation reads.
            return .json(["events": .array(events.reversed().map(render))])
        }
        router.add("DELETE", "/memories/:memory/actors/:actor") { request in
            let context = RequestContext(request, principal: try await platform.identity.principal(for: request))
            // Wiping a user's memory across sessions is the user's act, never an agent's.
            guard !context.principal.isDelegated else { throw AccessError.userRequired }
            let memoryID = context.parameter("memory")
            try authorize(context, platform, .writeMemory, PolicyEngine.Resource(type: "Memory", id: memoryID))
            let deleted = try platform.memory.deleteAll(
                scope: try scope(context),
                forUser: context.parameter("actor"),
                memoryID: memoryID
            )
            return .json([
                "deletedEvents": .number(Double(deleted.events)), "deletedRecords": .number(Double(deleted.records)),
                "complete": .bool(deleted.complete),
            ])
        }
    }

    private static func scope(_ context: RequestContext) throws -> CallerScope {
        try CallerScope(
            tenant: context.principal.tenant,
            user: context.principal.user,
            session: context.principal.sessionID
        )
    }

    /// AgentCore's `[{"conversational": {"role", "content": {"text"}}}]` or `[{"blob": …}]`.
    private static func payload(fromAgentCore value: JSONValue) throws -> EventPayload {
        guard let items = value.arrayValue, !items.isEmpty else {
            throw CodedError.badRequest("`payload` must be a non-empty array", code: "memory.invalid_request")
        }
        if items.count == 1, let blob = items[0].objectValue?["blob"] { return .blob(blob) }
        let turns = try items.map { item -> ConversationalTurn in
            guard let role = item["conversational"]["role"].stringValue,
                let text = item["conversational"]["content"]["text"].stringValue
            else {
                throw CodedError.badRequest("each payload item needs a role and text", code: "memory.invalid_request")
            }
            return ConversationalTurn(role: role, text: text)
        }
        return .conversational(turns)
    }

    private static func render(_ event: MemoryEvent) -> JSONValue {
        let payload: JSONValue
        switch event.payload {
        case .conversational(let turns):
            payload = .array(
                turns.map { ["conversational": ["role": .string($0.role), "content": ["text": .string($0.text)]]] }
            )
        case .blob(let blob):
            payload = [["blob": blob]]
        }
        return [
            "eventId": .string(event.eventID), "memoryId": .string(event.memoryID), "actorId": .string(event.actorID),
            "sessionId": .string(event.sessionID), "eventTimestamp": .number(event.timestamp.timeIntervalSince1970),
            "payload": payload,
        ]
    }
}
