import Foundation

/// Receives the Runtime's lifecycle events (for spans, metrics and the usage ledger).
public protocol RuntimeObserver: Sendable {
    /// A session's sandbox started (`coldStart` false when a warm sandbox was bound).
    func sessionStarted(_ key: SessionKey, pid: Int32, coldStart: Bool, startSeconds: Double)
    /// A session ended (`reason`: `idle_timeout`, `stopped`, `shutdown`, `exited`), with its final CPU seconds
    /// not yet reported through ``cpuUsed(_:seconds:)``.
    func sessionEnded(_ key: SessionKey, reason: String, cpuSeconds: Double)
    /// CPU seconds a session used since the last report.
    func cpuUsed(_ key: SessionKey, seconds: Double)
}
