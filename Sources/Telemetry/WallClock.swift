#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The wall clock in nanoseconds since the Unix epoch, as OTLP timestamps want it.
public enum WallClock {
    /// Now, in nanoseconds since 1970-01-01T00:00:00Z (full precision, unlike `Date`'s `Double`).
    @Sendable
    public static func nanosecondsSinceEpoch() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
