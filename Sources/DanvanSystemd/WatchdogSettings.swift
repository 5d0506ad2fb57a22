import CSystemd

/// The service watchdog systemd expects us to keep alive (`WatchdogSec=` in the unit).
///
/// systemd passes `$WATCHDOG_USEC` (and `$WATCHDOG_PID`, so that only the main process
/// answers); when no `WATCHDOG=1` arrives within that interval it kills and restarts the service.
public struct WatchdogSettings: Sendable, Hashable {
    /// The deadline between two pings.
    public var timeout: Duration

    /// Pings go out at half the deadline, as `sd_watchdog_enabled(3)` recommends, so one late
    /// ping is not yet fatal.
    public var pingInterval: Duration { timeout / 2 }

    /// Creates settings with an explicit deadline.
    public init(timeout: Duration) {
        self.timeout = timeout
    }

    /// The watchdog requested for this process, or nil when there is none.
    public static func fromEnvironment() -> WatchdogSettings? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return WatchdogSettings(timeout: .microseconds(Int64(clamping: usec)))
    }
}
