/// Anything that can answer a chat-completion request.
public protocol ModelProvider: Sendable {
    /// Produces one reply to `request`.
    ///
    /// - Throws: ``ModelError`` (`model.upstream_error` 502, `model.timeout` 504, `model.invalid_request` 400).
    func complete(_ request: ChatRequest) async throws -> ChatResponse
}
