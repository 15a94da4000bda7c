import AgentryCore
import Foundation
import Runtime
import Synchronization
import Telemetry

/// Turns Runtime lifecycle events into `runtime.session.start`/`runtime.session.end` spans and CPU-second
/// ledger entries, each tagged with the session's tenant.
final class RuntimeTelemetry: RuntimeObserver {
    private let tracer: Tracer
    private let ledger: UsageLedger
    private let logger = Logger(label: "agentry.runtime.telemetry")
    /// The trace context of the invocation that opened each session, so session spans join its trace.
    private let parents = Mutex<[SessionKey: TraceContext]>([:])

    init(tracer: Tracer, ledger: UsageLedger) {
        self.tracer = tracer
        self.ledger = ledger
    }

    /// Remembers the trace an invocation runs in, before the Runtime may start a session for it.
    func willInvoke(_ key: SessionKey, trace: TraceContext) {
        parents.withLock { $0[key] = $0[key] ?? trace }
    }

    func sessionStarted(_ key: SessionKey, pid: Int32, coldStart: Bool, startSeconds: Double) {
        let span = tracer.startSpan(
            name: "runtime.session.start",
            tenant: key.tenant,
            parent: parents.withLock { $0[key] },
            attributes: attributes(key).merging([
                "runtime.cold_start": .bool(coldStart), "runtime.start_ms": .double(startSeconds * 1000),
            ]) { _, new in new }
        )
        span.end()
    }

    func sessionEnded(_ key: SessionKey, reason: String, cpuSeconds: Double) {
        let parent = parents.withLock { $0.removeValue(forKey: key) }
        let span = tracer.startSpan(
            name: "runtime.session.end",
            tenant: key.tenant,
            parent: parent,
            attributes: attributes(key).merging(["runtime.end_reason": .string(reason)]) { _, new in new }
        )
        span.end()
        cpuUsed(key, seconds: cpuSeconds)
    }

    func cpuUsed(_ key: SessionKey, seconds: Double) {
        guard seconds > 0 else { return }
        do {
            try ledger.record(tenantID: key.tenant, kind: .cpuSeconds, quantity: seconds, sessionID: key.sessionID)
        } catch {
            logger.error("usage not recorded", [LogKey.tenant: key.tenant, LogKey.errorCode: "telemetry.ledger"])
        }
    }

    private func attributes(_ key: SessionKey) -> [String: AttributeValue] {
        ["session.id": .string(key.sessionID), "agent.id": .string(key.agent)]
    }
}
