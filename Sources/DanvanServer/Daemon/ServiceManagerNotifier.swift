/// What the daemon tells the service manager that runs it: readiness, a status line,
/// reloads, shutdown and watchdog pings.
///
/// `danvand` implements it with `sd_notify` (module `DanvanSystemd`); the server module only
/// sees this protocol, so it stays free of libsystemd and its services are tested with a
/// recording fake.
public protocol ServiceManagerNotifier: Sendable {
    /// Whether anyone listens; services that only exist to notify are skipped when not.
    var isActive: Bool { get }
    /// Start-up is complete and clients are served (`READY=1`, `STATUS=`, `MAINPID=`).
    func ready(status: String)
    /// A new status line (`STATUS=`).
    func status(_ text: String)
    /// Start-up is still making progress (replay): status line and more time to start.
    func progress(_ text: String)
    /// The configuration is being reloaded (`RELOADING=1`); `ready(status:)` follows.
    func reloading(status: String)
    /// Graceful shutdown began (`STOPPING=1`).
    func stopping(status: String)
    /// The keep-alive ping (`WATCHDOG=1`).
    func watchdog()
}

/// The notifier of a daemon run without a service manager.
public struct NoServiceManager: ServiceManagerNotifier {
    /// Creates the no-op notifier.
    public init() {}
    public var isActive: Bool { false }
    public func ready(status: String) {}
    public func status(_ text: String) {}
    public func progress(_ text: String) {}
    public func reloading(status: String) {}
    public func stopping(status: String) {}
    public func watchdog() {}
}
