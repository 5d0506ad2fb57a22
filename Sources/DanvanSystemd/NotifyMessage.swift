#if canImport(Glibc)
import Glibc
#endif

/// One assignment of the service manager's notification protocol (`sd_notify(3)`).
///
/// The daemon only ever says these few things, so they are spelled once here instead of
/// as string literals at every call site, where a typo would be silently ignored by systemd.
public enum NotifyMessage: Sendable, Hashable {
    /// `READY=1`: start-up (recovery and replay) is complete and clients are being served.
    case ready
    /// `RELOADING=1`: the configuration is being re-read; `READY=1` follows when done.
    case reloading
    /// `STOPPING=1`: graceful shutdown has begun.
    case stopping
    /// `STATUS=`: one line for `systemctl status`.
    case status(String)
    /// `WATCHDOG=1`: the keep-alive ping.
    case watchdog
    /// `MAINPID=`: the process systemd should treat as the service's main process.
    case mainPID(Int32)
    /// `EXTEND_TIMEOUT_USEC=`: a long replay is still progressing; do not time out start-up yet.
    case extendTimeout(microseconds: UInt64)
    /// `MONOTONIC_USEC=`: the time of a reload, required next to `RELOADING=1` by newer systemd.
    case monotonicMicros(UInt64)

    /// The `KEY=value` line.
    public var line: String {
        switch self {
        case .ready: return "READY=1"
        case .reloading: return "RELOADING=1"
        case .stopping: return "STOPPING=1"
        case .status(let text): return "STATUS=\(Self.singleLine(text))"
        case .watchdog: return "WATCHDOG=1"
        case .mainPID(let pid): return "MAINPID=\(pid)"
        case .extendTimeout(let usec): return "EXTEND_TIMEOUT_USEC=\(usec)"
        case .monotonicMicros(let usec): return "MONOTONIC_USEC=\(usec)"
        }
    }

    /// The datagram for several assignments, newline-separated as `sd_notify(3)` expects.
    public static func datagram(_ messages: [NotifyMessage]) -> String {
        messages.map(\.line).joined(separator: "\n")
    }

    /// `RELOADING=1` stamped with `CLOCK_MONOTONIC`, as `Type=notify-reload` managers require.
    public static func reloadingNow() -> [NotifyMessage] {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let usec = UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
        return [.reloading, .monotonicMicros(usec)]
    }

    /// A newline would end the assignment and start a bogus one; status text is one line.
    static func singleLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
