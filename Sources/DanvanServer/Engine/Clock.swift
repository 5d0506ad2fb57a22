#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock time for record times and `today`.
public enum Clock {
    /// Microseconds since the Unix epoch.
    public static func nowMicros() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }

    /// Today's date in the machine's local time zone (the province's, on its servers).
    public static func today() -> DayParts {
        var t = time(nil)
        var parts = tm()
        localtime_r(&t, &parts)
        return DayParts(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }

    /// A calendar date's parts.
    public struct DayParts: Sendable {
        /// Year.
        public var year: Int
        /// Month 1–12.
        public var month: Int
        /// Day 1–31.
        public var day: Int
    }
}
