import Dispatch
import Foundation

/// Runs a maintenance action every few seconds for as long as it lives: key-ring upkeep (``KeyRotationRings``) and
/// picking up policy changes written to the store by another process.
///
/// The action should hold what it maintains weakly; the timer is cancelled when this object goes, so the owner that
/// is released stops its maintenance with it.
final class MaintenanceTimer: @unchecked Sendable {
    // @unchecked: `source` is set once in init and only cancelled in deinit; DispatchSource itself is thread-safe.
    private let source: any DispatchSourceTimer

    /// Starts `action` every `interval` seconds (first run after one interval) on a utility queue named `label`.
    init(label: String, interval: TimeInterval, _ action: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: label, qos: .utility)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let period = DispatchTimeInterval.milliseconds(Int(max(1, interval) * 1000))
        timer.schedule(deadline: .now() + period, repeating: period, leeway: .milliseconds(100))
        timer.setEventHandler(handler: action)
        timer.resume()
        source = timer
    }

    deinit {
        source.cancel()
    }
}
