import AgentryCore
import Foundation
import HTTP
import Models
import Telemetry

extension AgentryRoutes {
    /// OpenAI-compatible chat completions and embeddings, routed by the caller's tier and metered per tenant.
    static func addModels(_ router: inout Router, _ platform: Platform) {
        router.add("POST", "/v1/chat/completions") { request in
            let context = RequestContext(request, principal: try await platform.identity.principal(for: request))
            _ = try context.json()  // refuses malformed and ambiguous bodies before decoding
            var chat: ChatRequest
            do {
                chat = try JSONDecoder().decode(ChatRequest.self, from: request.body)
            } catch {
                throw CodedError.badRequest("not a chat completion request", code: "models.invalid_request")
            }
            let route = platform.config.tier(ofTenant: context.principal.tenant)?.modelRoute
            try authorize(
                context,
                platform,
                .chatCompletion,
                PolicyEngine.Resource(type: "ModelRoute", id: route ?? "")
            )
            try screen(&chat, route: route, context, platform)
            return .json(encoding: try await complete(chat, route: route, context, platform))
        }
        router.add("POST", "/v1/embeddings") { request in
            let context = RequestContext(request, principal: try await platform.identity.principal(for: request))
            let body = try context.json()
            let inputs = body["input"].stringValue.map { [$0] } ?? body["input"].arrayValue?.compactMap(\.stringValue)
            guard let inputs, !inputs.isEmpty else {
                throw CodedError.badRequest(
                    "`input` must be a string or an array of strings",
                    code: "models.invalid_request"
                )
            }
            try authorize(context, platform, .embed, PolicyEngine.Resource(type: "Embedder", id: "default"))
            let span = platform.tracer.startSpan(
                name: "embedding.create",
                tenant: context.principal.tenant,
                parent: context.parentTrace,
                attributes: ["embedding.count": .int(Int64(inputs.count))]
            )
            let result = try platform.knowledge.embed(inputs)
            span.end()
            try? platform.ledger.record(
                tenantID: context.principal.tenant,
                kind: .embeddings,
                quantity: Double(result.usage.embeddingsComputed),
                requestID: request.requestID
            )
            return .json([
                "object": "list", "model": .string(result.model),
                "data": .array(
                    result.vectors.enumerated().map { index, vector in
                        [
                            "object": "embedding", "index": .number(Double(index)),
                            "embedding": .array(vector.map { .number(Double($0)) }),
                        ]
                    }
                ),
            ])
        }
    }

    private static func complete(
        _ chat: ChatRequest,
        route: String?,
        _ context: RequestContext,
        _ platform: Platform
    )
        async throws -> ChatResponse
    {
        let tenant = context.principal.tenant
        let span = platform.tracer.startSpan(
            name: "model_call",
            tenant: tenant,
            kind: .client,
            parent: context.parentTrace,
            attributes: ["model.route": .string(route ?? ""), "session.id": .string(context.principal.sessionID ?? "")]
        )
        do {
            let response = try await platform.models.complete(route: route, chat)
            span.setAttribute("tokens_in", .int(Int64(response.usage.promptTokens)))
            span.setAttribute("tokens_out", .int(Int64(response.usage.completionTokens)))
            span.end()
            let request = context.request.requestID
            try? platform.ledger.record([
                UsageEntry(
                    tenantID: tenant,
                    kind: .tokensIn,
                    quantity: Double(response.usage.promptTokens),
                    sessionID: context.principal.sessionID,
                    requestID: request,
                    detail: route
                ),
                UsageEntry(
                    tenantID: tenant,
                    kind: .tokensOut,
                    quantity: Double(response.usage.completionTokens),
                    sessionID: context.principal.sessionID,
                    requestID: request,
                    detail: route
                ),
            ])
            return response
        } catch let error as any AgentryError {
            span.end(status: .error(code: error.code))
            throw error
        }
    }

    /// Input guardrails for model calls: the instructions (user text outside `<context>` blocks, which retrieval
    /// already screened) must not be an injection; and text leaving the host for an external provider has its PII
    /// and secrets masked.
    private static func screen(
        _ chat: inout ChatRequest,
        route: String?,
        _ context: RequestContext,
        _ platform: Platform
    )
        throws
    {
        let instructions = chat.messages.filter { $0.role == .user }.map { outsideContext($0.content) }
        do {
            try platform.guardrails.checkInput(instructions.joined(separator: "\n"))
        } catch {
            platform.audit.record(
                tenant: context.principal.tenant,
                requestID: context.request.requestID,
                principal: context.principal.entityID,
                action: "ChatCompletion",
                resource: route ?? "",
                outcome: "blocked",
                code: error.code
            )
            throw error
        }
        guard let route, platform.config.models[route]?.provider == "openai" else { return }
        chat.messages = chat.messages.map { message in
            ChatMessage(role: message.role, content: platform.guardrails.redactOutput(message.content).text)
        }
    }

    /// The text of a message with its `<context …>…</context>` passages removed.
    static func outsideContext(_ text: String) -> String {
        text.replacingOccurrences(
            of: #"<context\b[^>]*>[\s\S]*?</context>"#,
            with: " ",
            options: .regularExpression
        )
    }
}
