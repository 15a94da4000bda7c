import Foundation
import Testing

@testable import Models

@Suite("Chat JSON coding")
struct ChatCodingTests {
    @Test("decodes an OpenAI request with string and array content and max_completion_tokens")
    func decodesRequest() throws {
        let json = """
            {"model": "gpt-x", "temperature": 0.5, "max_completion_tokens": 64, "stream": false, "n": 1,
             "messages": [{"role": "system", "content": "rules"},
                          {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "image_url"},
                                                       {"type": "text", "text": "b"}]},
                          {"role": "assistant", "content": null}]}
            """
        let request = try JSONDecoder().decode(ChatRequest.self, from: Data(json.utf8))
        #expect(request.model == "gpt-x")
        #expect(request.maxTokens == 64 && request.temperature == 0.5 && request.stream == false)
        #expect(request.messages.map(\.content) == ["rules", "a\nb", ""])
        #expect(request.messages.map(\.role) == [.system, .user, .assistant])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                ChatRequest.self,
                from: Data(#"{"model":"m","messages":[{"role":"wizard","content":"x"}]}"#.utf8)
            )
        }
    }

    @Test("encodes a response in the chat.completion shape")
    func encodesResponse() throws {
        let response = ChatResponse(
            id: "chatcmpl-1",
            created: 7,
            content: "ok [D1]",
            model: "m",
            finishReason: "stop",
            usage: TokenUsage(promptTokens: 3, completionTokens: 4)
        )
        let object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(response)) as? [String: Any]
        )
        #expect(object["object"] as? String == "chat.completion")
        #expect(object["id"] as? String == "chatcmpl-1" && object["created"] as? Int == 7)
        let choice = try #require((object["choices"] as? [[String: Any]])?.first)
        #expect(choice["finish_reason"] as? String == "stop" && choice["index"] as? Int == 0)
        #expect(choice["message"] as? [String: String] == ["role": "assistant", "content": "ok [D1]"])
        #expect(object["usage"] as? [String: Int] == ["prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7])

        let decoded = try JSONDecoder().decode(ChatResponse.self, from: JSONEncoder().encode(response))
        #expect(decoded == response)
    }
}
