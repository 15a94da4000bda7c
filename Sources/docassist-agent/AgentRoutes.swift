import AgentryCore
import Foundation
import HTTP
import Synchronization

/// The agent's two routes: `GET /ping` and `POST /invocations`.
enum AgentRoutes {
    private static let busy = Atomic<Int>(0)
    private static let lastUpdate = Atomic<Int>(Int(Date().timeIntervalSince1970))

    static func router(endpoint: String) -> Router {
        var router = Router()
        router.add("GET", "/ping") { _ in
            let status = busy.load(ordering: .relaxed) > 0 ? "HealthyBusy" : "Healthy"
            return .json([
                "status": .string(status), "time_of_last_update": .number(Double(lastUpdate.load(ordering: .relaxed))),
            ])
        }
        router.add("POST", "/invocations") { request in
            busy.add(1, ordering: .relaxed)
            defer {
                busy.subtract(1, ordering: .relaxed)
                lastUpdate.store(Int(Date().timeIntervalSince1970), ordering: .relaxed)
            }
            return await invoke(request, endpoint: endpoint)
        }
        return router
    }

    private static func invoke(_ request: HTTPRequest, endpoint: String) async -> HTTPResponse {
        guard let token = request.headers["workloadaccesstoken"] else {
            return .error(CodedError.unauthenticated("no workload access token", code: "agent.no_workload_token"))
        }
        let sessionID = request.headers["x-amzn-bedrock-agentcore-runtime-session-id"] ?? ""
        do {
            let payload = try JSONValue.parse(request.body)
            guard let intent = Intent.parse(payload) else {
                return .error(CodedError.badRequest("payload needs `action` or `prompt`", code: "agent.bad_payload"))
            }
            let client = AgentryClient(endpoint: endpoint, token: token, traceparent: request.headers["traceparent"])
            let agent = DocAssistAgent(client: client, sessionID: sessionID)
            return .json(try await agent.handle(intent))
        } catch let error as any AgentryError {
            return .error(error)
        } catch {
            return .error(CodedError.internalError())
        }
    }
}
