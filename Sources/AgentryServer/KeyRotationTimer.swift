import Dispatch
import Foundation

/// Runs key maintenance (``KeyRotationRings/maintain()``) every few seconds for as long as it lives.
///
/// The timer holds the rings weakly and is cancelled when this object goes, so an ``IdentityPlane`` that is
/// released stops its maintenance with it.
final class KeyRotationTimer: @unchecked Sendable {
    // @unchecked: `source` is set once in init and only cancelled in deinit; DispatchSource itself is thread-safe.
    private let source: any DispatchSourceTimer

    /// Starts maintenance of `rings` every `interval` seconds (first pass after one interval).
    init(rings: KeyRotationRings, interval: TimeInterval) {
        let queue = DispatchQueue(label: "agentry.identity.key-maintenance", qos: .utility)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let period = DispatchTimeInterval.milliseconds(Int(max(1, interval) * 1000))
        timer.schedule(deadline: .now() + period, repeating: period, leeway: .milliseconds(100))
        timer.setEventHandler { [weak rings] in rings?.maintain() }
        timer.resume()
        source = timer
    }

    deinit {
        source.cancel()
    }
}
