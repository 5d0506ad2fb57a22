import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// Sends readiness, status and watchdog notifications to the service manager through
/// `sd_notify(3)` (the datagram socket named by `$NOTIFY_SOCKET`).
///
/// Outside systemd `$NOTIFY_SOCKET` is unset and every call is a cheap no-op, so the daemon
/// calls it unconditionally and behaves the same under a terminal, a test and systemd.
public struct SystemdNotifier: Sendable {
    /// Whether a service manager listens (`$NOTIFY_SOCKET` is set).
    public let isActive: Bool

    /// Reads `$NOTIFY_SOCKET` once; the variable is kept so that `sd_notify` can use it later.
    public init() {
        isActive = getenv("NOTIFY_SOCKET") != nil
    }

    /// Sends `messages` in one datagram. Returns false when nothing was sent
    /// (no manager, or the socket refused it); callers carry on either way, since a missed
    /// status line must never stop the daemon.
    @discardableResult
    public func send(_ messages: [NotifyMessage]) -> Bool {
        guard isActive, !messages.isEmpty else { return false }
        return sd_notify(0, NotifyMessage.datagram(messages)) > 0
    }

    /// Sends one message.
    @discardableResult
    public func send(_ message: NotifyMessage) -> Bool {
        send([message])
    }
}
