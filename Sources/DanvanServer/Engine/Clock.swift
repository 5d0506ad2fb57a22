#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock time for record times (the province's days: `ProvinceCalendar`).
public enum Clock {
    /// Microseconds since the Unix epoch.
    public static func nowMicros() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }
}
