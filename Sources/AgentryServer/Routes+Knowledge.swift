import AgentryCore
import Foundation
import HTTP
import Knowledge
import Telemetry
import Tenancy

extension AgentryRoutes {
    /// Knowledge bases: list, retrieve, read and write documents — always within the caller's own tenant.
    static func addKnowledge(_ router: inout Router, _ platform: Platform) {
        router.add("GET", "/knowledge") { request in
            let principal = try await platform.identity.principal(for: request)
            let owned = platform.config.knowledgeBases.filter { $0.tenant == principal.tenant }
            return .json(["knowledgeBases": .array(owned.map { ["id": .string($0.id)] })])
        }
        router.add("POST", "/knowledge/:kb/retrieve") { request in
            let context = RequestContext(request, principal: try await platform.identity.principal(for: request))
            let body = try context.json()
            try refuseForeignTenant(in: body, context, platform)
            let kb = try ownedKnowledgeBase(context, platform, action: .retrieve)
            if let named = body["knowledgeBaseId"].stringValue, named != kb.id {
                throw deny(context, platform, "Retrieve", named)
            }
            guard let query = body["query"].stringValue ?? body["retrievalQuery"]["text"].stringValue, !query.isEmpty
            else { throw CodedError.badRequest("`query` is required", code: "knowledge.query_missing") }
            let topK = body["topK"].intValue ?? 5
            return .json(try retrieve(context, platform, kb: kb.id, query: query, topK: topK))
        }
        router.add("GET", "/knowledge/:kb/documents/:document") { request in
            let context = RequestContext(request, principal: try await platform.identity.principal(for: request))
            let kb = try ownedKnowledgeBase(context, platform, action: .readDocument)
            guard
                let document = try platform.knowledge.document(
                    tenant: context.principal.tenant,
                    kb: kb.id,
                    id: context.parameter("document")
                )
            else { throw CodedError.notFound("no such document in this knowledge base", code: "knowledge.not_found") }
            return .json([
                "document": [
                    "id": .string(document.id), "title": .string(document.title), "text": .string(document.text),
                    "tenant": .string(document.tenant), "knowledgeBaseId": .string(document.kb),
                ]
            ])
        }
        router.add("PUT", "/knowledge/:kb/documents/:document") { request in
            let context = RequestContext(request, principal: try await platform.identity.principal(for: request))
            let kb = try ownedKnowledgeBase(context, platform, action: .writeDocument)
            let body = try context.json()
            try refuseForeignTenant(in: body, context, platform)
            guard let text = body["text"].stringValue else {
                throw CodedError.badRequest("`text` is required", code: "knowledge.text_missing")
            }
            let id = context.parameter("document")
            let result = try platform.knowledge.ingest(
                tenant: context.principal.tenant,
                kb: kb.id,
                documentID: id,
                title: body["title"].stringValue ?? id,
                text: text
            )
            try? platform.ledger.record(
                tenantID: context.principal.tenant,
                kind: .embeddings,
                quantity: Double(result.usage.embeddingsComputed),
                requestID: request.requestID
            )
            return .json(["documentId": .string(id), "chunks": .number(Double(result.chunkCount))], status: 201)
        }
    }

    private static func retrieve(
        _ context: RequestContext,
        _ platform: Platform,
        kb: String,
        query: String,
        topK: Int
    )
        throws -> JSONValue
    {
        let tenant = context.principal.tenant
        let span = platform.tracer.startSpan(
            name: "rag.query",
            tenant: tenant,
            parent: context.parentTrace,
            attributes: [
                "knowledge_base.id": .string(kb), "rag.top_k": .int(Int64(topK)),
                "session.id": .string(context.principal.sessionID ?? ""),
            ]
        )
        let result = try platform.knowledge.retrieve(tenant: tenant, kb: kb, query: query, topK: topK)
        // Indirect prompt injection: a chunk that reads as instructions to the model is withheld, not passed on.
        let chunks = result.chunks.filter { !platform.guardrails.inspectInput($0.text).isInjection }
        span.setAttribute("rag.withheld", .int(Int64(result.chunks.count - chunks.count)))
        let embedding = platform.tracer.startSpan(
            name: "embedding.create",
            tenant: tenant,
            parent: span.context,
            attributes: [
                "embedding.count": .int(Int64(result.usage.embeddingsComputed)),
                "session.id": .string(context.principal.sessionID ?? ""),
            ]
        )
        embedding.end()
        span.setAttribute("rag.results", .int(Int64(result.chunks.count)))
        span.end()
        try? platform.ledger.record([
            UsageEntry(
                tenantID: tenant,
                kind: .embeddings,
                quantity: Double(result.usage.embeddingsComputed),
                requestID: context.request.requestID
            ),
            UsageEntry(
                tenantID: tenant,
                kind: .vectorQueries,
                quantity: Double(result.usage.vectorQueries),
                requestID: context.request.requestID
            ),
        ])
        return [
            "withheld": .number(Double(result.chunks.count - chunks.count)),
            "results": .array(
                chunks.map { chunk in
                    [
                        "documentId": .string(chunk.documentID), "tenant": .string(chunk.tenant),
                        "kb": .string(chunk.kb),
                        "chunkIndex": .number(Double(chunk.chunkIndex)), "start": .number(Double(chunk.start)),
                        "end": .number(Double(chunk.end)), "text": .string(chunk.text), "score": .number(chunk.score),
                    ]
                }
            ),
        ]
    }

    /// The knowledge base named in the path, if the caller's tenant owns it and the policy allows `action`.
    private static func ownedKnowledgeBase(
        _ context: RequestContext,
        _ platform: Platform,
        action: PolicyEngine.Action
    ) throws -> KnowledgeBaseConfig {
        let id = context.parameter("kb")
        guard let kb = platform.config.knowledgeBases.first(where: { $0.id == id }) else {
            throw CodedError.notFound("no such knowledge base", code: "knowledge.unknown_base")
        }
        guard kb.tenant == context.principal.tenant else { throw deny(context, platform, action.rawValue, id) }
        try authorize(
            context,
            platform,
            action,
            PolicyEngine.Resource(type: "KnowledgeBase", id: id, attributes: ["tenant": .string(kb.tenant)])
        )
        return kb
    }

    /// Client-supplied tenant fields may only repeat the caller's own tenant; anything else is refused and logged.
    static func refuseForeignTenant(in body: JSONValue, _ context: RequestContext, _ platform: Platform) throws {
        for field in ["tenant", "tenantId", "tenant_id"] where body[field] != .null {
            guard body[field].stringValue == context.principal.tenant else {
                throw deny(context, platform, "NameTenant", "tenant-field")
            }
        }
    }

    /// Records a cross-tenant attempt and returns the 403 to throw.
    static func deny(
        _ context: RequestContext,
        _ platform: Platform,
        _ action: String,
        _ resource: String
    )
        -> CodedError
    {
        platform.audit.record(
            tenant: context.principal.tenant,
            requestID: context.request.requestID,
            principal: context.principal.entityID,
            action: action,
            resource: resource,
            outcome: "deny",
            code: AccessError.tenantMismatch.code
        )
        return AccessError.tenantMismatch
    }
}
